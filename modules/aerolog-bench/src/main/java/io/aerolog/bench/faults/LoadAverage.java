package io.aerolog.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The machine's 1-minute load average over the run, sampled every 5 s: first, lowest, mean, highest, last. */
final class LoadAverage implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faults-loadavg");
        t.setDaemon(true);
        return t;
    });
    private double first = -1;
    private double last;
    private double min = Double.MAX_VALUE;
    private double max;
    private double sum;
    private long n;

    LoadAverage() {
        timer.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
    }

    static double now() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ", 2)[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private synchronized void sample() {
        double v = now();
        if (v < 0) {
            return;
        }
        if (first < 0) {
            first = v;
        }
        last = v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
        n++;
    }

    synchronized String describe() {
        if (n == 0) {
            return "not known (no /proc/loadavg)";
        }
        return String.format(Locale.ROOT, "%.1f at the start, %.1f at the end; lowest %.1f, mean %.1f, highest %.1f "
                + "(1-minute load average every 5 s, %d samples)", first, last, min, sum / n, max, n);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
