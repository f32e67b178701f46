// Aerolog's web console: polls the node it was served by (same origin) and draws what it answers.
// /v1/console/metrics every second (cumulative counts and histograms of every node: rates and percentiles
// are differences between two answers), /v1/cluster every 5 s (the partition map). No framework, no build.
(function () {
  "use strict";
  const POINTS = 120;
  const PALETTE = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];
  const state = { previous: null, samples: 0, charts: {}, memoryNodes: "", data: {}, lastCluster: null, scanToken: null };
  window.aerologConsole = state;

  // ---- helpers

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "title") e.title = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  function bytes(n) {
    if (!(n >= 0)) return "–";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
  }
  function num(n) { return Number(n).toLocaleString("en-US"); }
  function round(n, digits) { const f = Math.pow(10, digits); return Math.round(n * f) / f; }
  function showError(message) {
    const box = document.getElementById("error");
    box.hidden = !message;
    box.textContent = message || "";
  }
  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
    const text = await response.text();
    let body;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
    return { ok: response.ok, status: response.status, body, headers: response.headers };
  }

  // A percentile of the requests counted between two cumulative histograms (as Prometheus'
  // histogram_quantile: linear within the bucket that holds the rank; the last bound past it).
  function quantile(q, le, counts, total) {
    if (!(total > 0)) return null;
    const rank = q * total;
    let below = 0;
    for (let i = 0; i < le.length; i++) {
      if (counts[i] >= rank) {
        const lower = i === 0 ? 0 : le[i - 1];
        const inBucket = counts[i] - below;
        return inBucket > 0 ? lower + (le[i] - lower) * (rank - below) / inBucket : le[i];
      }
      below = counts[i];
    }
    return le.length ? le[le.length - 1] : null;
  }
  function histogramDelta(now, before, into) {
    if (!now || !before || now.le.length !== before.le.length) return;
    if (!into.le) { into.le = now.le.slice(); into.counts = now.le.map(() => 0); into.count = 0; }
    for (let i = 0; i < now.le.length; i++) into.counts[i] += Math.max(0, now.counts[i] - before.counts[i]);
    into.count += Math.max(0, now.count - before.count);
  }

  // ---- charts

  function chart(id, series, yLabel) {
    const host = document.getElementById(id);
    host.replaceChildren();
    const opts = {
      width: Math.max(320, host.clientWidth || 520), height: 220,
      scales: { x: { time: true } },
      axes: [{}, { label: yLabel, size: 60 }],
      series: [{}].concat(series.map((s, i) => ({ label: s, stroke: PALETTE[i % PALETTE.length], width: 1.5,
        spanGaps: false }))),
      legend: { live: false },
    };
    const data = [[]].concat(series.map(() => []));
    const plot = new uPlot(opts, data, host);
    return { plot, data, series };
  }
  function push(c, t, values) {
    c.data[0].push(t);
    values.forEach((v, i) => c.data[i + 1].push(v));
    if (c.data[0].length > POINTS) c.data.forEach(a => a.shift());
    c.plot.setData(c.data);
  }
  function initCharts() {
    state.charts.throughput = chart("chart-throughput", ["reads/s", "writes/s", "applied/s"], "ops/s");
    state.charts.latency = chart("chart-latency", ["read p50", "read p99", "write p50", "write p99"], "ms");
    state.charts.lag = chart("chart-lag", ["apply lag p50", "apply lag p99"], "ms");
  }
  function memoryChart(nodes) {
    const key = nodes.join(",");
    if (state.memoryNodes === key) return;
    state.memoryNodes = key;
    const series = [];
    nodes.forEach(n => { series.push(n + " heap"); series.push(n + " RocksDB"); });
    state.charts.memory = chart("chart-memory", series, "MiB");
  }

  // ---- metrics

  function live(nodes) {
    return nodes.filter(n => !n.error);
  }
  function onMetrics(answer) {
    const nodes = answer.nodes || [];
    const up = live(nodes);
    const self = nodes.find(n => n.http === answer.self) || nodes[0];
    document.getElementById("node-name").textContent = self ? self.node + " · " + self.http : "";
    document.getElementById("updated").textContent = "updated " + new Date(answer.time).toLocaleTimeString();
    const status = document.getElementById("status");
    const worst = nodes.some(n => n.health === "UNREACHABLE") ? "UNREACHABLE"
      : nodes.some(n => n.health !== "UP") ? "STARTING" : "UP";
    status.textContent = worst === "UP" ? "cluster up" : worst === "UNREACHABLE" ? "a node is unreachable" : "starting";
    status.className = "badge " + worst;
    renderNodes(nodes);
    renderNamespaces(up);
    const t = answer.time / 1000;
    const before = state.previous;
    state.previous = { byNode: Object.fromEntries(up.map(n => [n.http, n])) };
    if (before) sample(t, up, before.byNode);
  }
  function sample(t, up, before) {
    let reads = 0, writes = 0, applied = 0;
    const readHist = {}, writeHist = {};
    let lag50 = 0, lag99 = 0;
    for (const n of up) {
      const b = before[n.http];
      lag50 = Math.max(lag50, n.applyLag.p50 * 1000);
      lag99 = Math.max(lag99, n.applyLag.p99 * 1000);
      if (!b) continue;
      const dt = (n.time - b.time) / 1000;
      if (!(dt > 0)) continue;
      reads += Math.max(0, n.reads - b.reads) / dt;
      writes += Math.max(0, n.writes - b.writes) / dt;
      applied += Math.max(0, n.applied - b.applied) / dt;
      histogramDelta(n.readLatency, b.readLatency, readHist);
      histogramDelta(n.writeLatency, b.writeLatency, writeHist);
    }
    const ms = v => v == null ? null : round(v * 1000, 3);
    const r50 = ms(quantile(0.5, readHist.le || [], readHist.counts || [], readHist.count));
    const r99 = ms(quantile(0.99, readHist.le || [], readHist.counts || [], readHist.count));
    const w50 = ms(quantile(0.5, writeHist.le || [], writeHist.counts || [], writeHist.count));
    const w99 = ms(quantile(0.99, writeHist.le || [], writeHist.counts || [], writeHist.count));
    push(state.charts.throughput, t, [round(reads, 1), round(writes, 1), round(applied, 1)]);
    push(state.charts.latency, t, [r50, r99, w50, w99]);
    push(state.charts.lag, t, [round(lag50, 2), round(lag99, 2)]);
    const names = up.map(n => n.node).sort();
    memoryChart(names);
    const mem = [];
    names.forEach(name => {
      const n = up.find(x => x.node === name);
      mem.push(round(n.memory.heapUsed / 1048576, 1));
      mem.push(round(n.memory.rocksdbUsed / 1048576, 1));
    });
    push(state.charts.memory, t, mem);
    state.samples++;
    state.data = { reads, writes, applied, readP50: r50, readP99: r99, writeP50: w50, writeP99: w99, lag50, lag99 };
    document.getElementById("now-throughput").textContent =
      `${num(Math.round(reads))} reads/s · ${num(Math.round(writes))} writes/s · ${num(Math.round(applied))} applied/s`;
    document.getElementById("now-latency").textContent =
      `read p99 ${r99 == null ? "–" : r99 + " ms"} · write p99 ${w99 == null ? "–" : w99 + " ms"}`;
    document.getElementById("now-lag").textContent = `p99 ${round(lag99, 1)} ms`;
    document.getElementById("now-memory").textContent = up.map(n =>
      `${n.node}: heap ${bytes(n.memory.heapUsed)}, RocksDB ${bytes(n.memory.rocksdbUsed)}`).join(" · ");
  }

  function renderNodes(nodes) {
    const body = document.querySelector("#nodes tbody");
    body.replaceChildren(...nodes.map(n => {
      if (n.error) {
        return el("tr", { "data-node": n.http }, el("td", {}, "?"), el("td", {}, n.http),
          el("td", {}, el("span", { class: "badge UNREACHABLE", title: n.error }, "UNREACHABLE")),
          el("td", { colspan: "4", class: "muted" }, n.error));
      }
      const active = n.namespaces.map(ns => `${ns.name}: ${ns.activeHere}/${ns.partitions}` +
        (ns.catchingUp ? ` (${ns.catchingUp} catching up)` : "")).join(", ");
      const records = n.namespaces.reduce((s, ns) => s + ns.objects, 0);
      return el("tr", { "data-node": n.http }, el("td", {}, n.node), el("td", {}, n.http),
        el("td", {}, el("span", { class: "badge " + n.health }, n.health)), el("td", {}, active),
        el("td", {}, num(records)),
        el("td", {}, `${bytes(n.memory.heapUsed)} of ${bytes(n.memory.heapMax)}`),
        el("td", {}, `${bytes(n.memory.rocksdbUsed)} of ${bytes(n.memory.rocksdbLimit)}`));
    }));
  }

  function renderNamespaces(up) {
    const totals = new Map();
    for (const n of up) {
      for (const ns of n.namespaces) {
        const t = totals.get(ns.name) || { objects: 0, bytes: 0, sets: new Map(), notListed: 0, counted: true };
        t.objects += ns.objects; t.bytes += ns.bytes; t.notListed += ns.setsNotListed; t.counted &&= ns.counted;
        for (const s of ns.sets) {
          const st = t.sets.get(s.name) || { objects: 0, bytes: 0 };
          st.objects += s.objects; st.bytes += s.bytes;
          t.sets.set(s.name, st);
        }
        totals.set(ns.name, t);
      }
    }
    const rows = [];
    for (const [name, t] of totals) {
      rows.push(el("tr", { class: "ns", "data-namespace": name }, el("td", {}, el("b", {}, name)),
        el("td", { class: "muted" }, t.counted ? "(all)" : "(all, still counting)"),
        el("td", {}, num(t.objects)), el("td", {}, bytes(t.bytes))));
      for (const [set, st] of t.sets) {
        rows.push(el("tr", { "data-namespace": name, "data-set": set }, el("td", {}), el("td", {}, set),
          el("td", {}, num(st.objects)), el("td", {}, bytes(st.bytes))));
      }
      if (t.notListed) rows.push(el("tr", {}, el("td", {}), el("td", { colspan: "3", class: "muted" },
        `${t.notListed} more sets not listed`)));
    }
    document.querySelector("#namespace-table tbody").replaceChildren(...rows);
  }

  function renderCluster(view) {
    const host = document.getElementById("maps");
    const nodes = view.nodes || [];
    const colour = n => PALETTE[nodes.indexOf(n) % PALETTE.length];
    const parts = [];
    for (const [name, ns] of Object.entries(view.namespaces || {})) {
      parts.push(el("h3", {}, `${name}: ${ns.partitions} partitions, replication ${ns.replicationFactor}, `
        + `${ns.state}, map generation ${ns.generation}`));
      const map = el("div", { class: "map", "data-namespace": name });
      for (let p = 0; p < ns.partitions; p++) {
        const o = (ns.partitionMap || {})[p];
        const active = o && o.active;
        const standbys = o ? o.standbys : [];
        const title = `partition ${p}: active ${active || "none"}; standby ${standbys.length ? standbys.join(", ") : "none"}`;
        const cell = el("span", { class: "p" + (active ? "" : " none"), title }, `${p}`);
        if (active) cell.style.background = colour(active);
        map.append(cell);
      }
      parts.push(map);
    }
    parts.push(el("p", { class: "small" }, ...nodes.flatMap(n => {
      const swatch = el("span", { class: "p" }, "■ ");
      swatch.style.color = colour(n);
      return [swatch, n + "  "];
    }), el("span", { class: "muted" }, " (colour: the active node of each partition; hover for its standbys)")));
    host.replaceChildren(...parts);
  }

  // ---- polling

  async function pollMetrics() {
    try {
      const r = await getJson("/v1/console/metrics");
      if (!r.ok) throw new Error(`/v1/console/metrics answered ${r.status}: ${JSON.stringify(r.body)}`);
      onMetrics(r.body);
      showError(null);
    } catch (e) {
      showError("cannot reach the node: " + e.message);
    } finally {
      setTimeout(pollMetrics, 1000);
    }
  }
  async function pollCluster() {
    try {
      const r = await getJson("/v1/cluster");
      if (r.ok) { state.lastCluster = r.body; renderCluster(r.body); }
    } catch (e) {
      // the metrics poll shows the error
    } finally {
      setTimeout(pollCluster, 5000);
    }
  }

  // ---- record browser, scans, indexes

  function showAnswer(host, r, extra) {
    const parts = [el("div", { class: r.ok ? "" : "failed" }, `HTTP ${r.status}` + (extra ? " · " + extra : ""))];
    parts.push(el("pre", {}, typeof r.body === "string" ? r.body : JSON.stringify(r.body, null, 2)));
    host.replaceChildren(...parts);
  }
  function path(...segments) {
    return segments.filter(s => s !== "").map(encodeURIComponent).join("/");
  }
  async function lookup(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    const host = document.getElementById("record");
    const url = "/v1/kvs/" + path(f.get("ns"), f.get("set"), f.get("key")) + "?keytype=" + f.get("keytype");
    try {
      const r = await getJson(url);
      if (r.ok && r.body && r.body.bins) {
        const meta = el("table", { class: "meta" },
          el("tr", {}, el("th", {}, "generation"), el("td", { id: "record-generation" }, r.body.generation)),
          el("tr", {}, el("th", {}, "ttl (s)"), el("td", {}, r.body.ttl === -1 ? "never expires" : r.body.ttl)),
          el("tr", {}, el("th", {}, "served by"), el("td", {}, r.headers.get("X-Aerolog-Served-By") || "this node")));
        host.replaceChildren(el("h4", {}, "bins"), el("pre", { id: "record-bins" }, JSON.stringify(r.body.bins, null, 2)),
          el("h4", {}, "metadata"), meta);
      } else {
        showAnswer(host, r, "GET " + url);
      }
    } catch (e) {
      host.replaceChildren(el("div", { class: "failed" }, e.message));
    }
  }
  async function scan(from) {
    const f = new FormData(document.getElementById("scan"));
    const host = document.getElementById("scan-result");
    let url = "/v1/scan/" + path(f.get("ns"), f.get("set")) + "?maxRecords=" + encodeURIComponent(f.get("maxRecords"));
    if (from) url += "&from=" + encodeURIComponent(from);
    const next = document.getElementById("scan-next");
    try {
      const r = await getJson(url);
      const token = r.ok && r.body && r.body.pagination ? r.body.pagination.nextToken : null;
      state.scanToken = token || null;
      next.disabled = !token;
      showAnswer(host, r, "GET " + url + (r.ok && r.body && r.body.records ? ` · ${r.body.records.length} records` : ""));
    } catch (e) {
      next.disabled = true;
      host.replaceChildren(el("div", { class: "failed" }, e.message));
    }
  }
  async function indexes(event) {
    event.preventDefault();
    const f = new FormData(event.target);
    const url = "/v1/index?namespace=" + encodeURIComponent(f.get("ns"));
    const host = document.getElementById("index-result");
    try {
      showAnswer(host, await getJson(url), "GET " + url);
    } catch (e) {
      host.replaceChildren(el("div", { class: "failed" }, e.message));
    }
  }

  document.getElementById("lookup").addEventListener("submit", lookup);
  document.getElementById("scan").addEventListener("submit", e => { e.preventDefault(); scan(null); });
  document.getElementById("scan-next").addEventListener("click", () => scan(state.scanToken));
  document.getElementById("indexes").addEventListener("submit", indexes);
  initCharts();
  pollMetrics();
  pollCluster();
})();
