package io.aerolog.core.engine;

import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.codec.AvroCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a command log through {@link RecordEngine#apply} as a partition's task does (the stored record of the
 * command's digest, then the outcome's effect on the store) and writes down what came out: one line of answer per
 * command (result code, effect, change, the record after it and what each operation returned) and the final store
 * (each record's Avro bytes by digest). Messages are left out: they are for people and may be reworded; codes,
 * results and bytes are the contract.
 */
final class GoldenReplay {
    /** Command logs larger than this are not golden logs. */
    private static final int MAX_COMMAND_BYTES = 1 << 20;

    /** The time the engine is given, and how a stored record's expiry is judged: the log's, or a wall clock's. */
    enum Timing {
        /** The engine as it is: every command at its own time. */
        COMMAND_TIME,
        /** An engine that took the wall clock as every command's time. */
        WALL_CLOCK,
        /** An engine that wrote at the command's time but judged a stored record's expiry by the wall clock. */
        WALL_CLOCK_EXPIRY
    }

    /** What a replay gave: a line per command, and the final store as lines of digest and record bytes. */
    record Replay(String answers, String store, Map<String, Record> records, List<Outcome> outcomes) {
    }

    private GoldenReplay() {
    }

    static Replay replay(List<byte[]> log, Timing timing) {
        Map<Digest, Record> store = new TreeMap<>((a, b) -> a.toHex().compareTo(b.toHex()));
        StringBuilder answers = new StringBuilder();
        List<Outcome> outcomes = new ArrayList<>();
        for (int offset = 0; offset < log.size(); offset++) {
            Command command = AvroCodec.decodeCommand(log.get(offset));
            long wallClock = System.currentTimeMillis();
            Command applied = timing == Timing.WALL_CLOCK ? command.withTime(wallClock) : command;
            Digest digest = command.key().digest();
            Record stored = store.get(digest);
            if (timing == Timing.WALL_CLOCK_EXPIRY && stored != null && stored.isExpiredAt(wallClock)) {
                stored = null;
            }
            Outcome outcome = RecordEngine.apply(stored, applied, GoldenLog.NS);
            switch (outcome.effect()) {
                case WRITE -> store.put(digest, outcome.record());
                case DELETE -> store.remove(digest);
                case NONE -> { }
            }
            outcomes.add(outcome);
            answers.append(answer(offset, command, outcome)).append('\n');
        }
        StringBuilder lines = new StringBuilder();
        Map<String, Record> records = new TreeMap<>();
        store.forEach((digest, record) -> {
            records.put(digest.toHex(), record);
            lines.append(digest.toHex()).append(' ')
                    .append(HexFormat.of().formatHex(AvroCodec.encodeRecord(record))).append('\n');
        });
        return new Replay(answers.toString(), lines.toString(), records, outcomes);
    }

    /** One command's answer, on one line. */
    static String answer(int offset, Command command, Outcome o) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%03d", offset)).append(' ').append(key(command.key())).append(' ')
                .append(o.resultCode()).append(' ').append(o.effect());
        if (o.change() != null) {
            out.append(" change=").append(o.change());
        }
        Record r = o.record();
        if (r != null) {
            out.append(" gen=").append(r.generation()).append(" void=")
                    .append(r.voidTimeMillis() == 0 ? "never" : Instant.ofEpochMilli(r.voidTimeMillis()).toString())
                    .append(" lut=").append(Instant.ofEpochMilli(r.lastUpdateMillis())).append(" set=")
                    .append(r.set().isEmpty() ? "-" : r.set());
            if (r.userKey() != null) {
                out.append(" key=").append(render(r.userKey()));
            }
            out.append(" bins=");
            renderBins(out, r.bins());
        }
        if (!o.results().isEmpty()) {
            out.append(" results=[");
            for (int i = 0; i < o.results().size(); i++) {
                OpResult result = o.results().get(i);
                out.append(i == 0 ? "" : ", ").append(result.bin() == null ? "-" : result.bin()).append(':')
                        .append(result.value() == null ? "none" : render(result.value()));
            }
            out.append(']');
        }
        return out.toString();
    }

    private static String key(Key key) {
        String user = key.userKey() == null ? "#" + key.digest().toHex().substring(0, 8) : render(key.userKey());
        return key.namespace() + "/" + (key.set().isEmpty() ? "-" : key.set()) + "/" + user;
    }

    private static void renderBins(StringBuilder out, Map<String, Value> bins) {
        out.append('{');
        Iterator<Map.Entry<String, Value>> it = bins.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Value> bin = it.next();
            out.append(bin.getKey()).append(':').append(render(bin.getValue()));
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        out.append('}');
    }

    /** A value, exactly and in ASCII: its type is always told (a double ends in d, an ordered list starts with o). */
    static String render(Value v) {
        StringBuilder out = new StringBuilder();
        render(out, v);
        return out.toString();
    }

    private static void render(StringBuilder out, Value v) {
        if (v instanceof Value.NilValue) {
            out.append("nil");
        } else if (v instanceof Value.BoolValue b) {
            out.append(b.value());
        } else if (v instanceof Value.IntegerValue i) {
            out.append(i.value());
        } else if (v instanceof Value.DoubleValue d) {
            out.append(d.value()).append('d');
        } else if (v instanceof Value.StringValue s) {
            quote(out, s.value());
        } else if (v instanceof Value.BytesValue b) {
            out.append("b64:").append(Base64.getEncoder().encodeToString(b.value()));
        } else if (v instanceof Value.HllValue h) {
            out.append("hll:").append(Base64.getEncoder().encodeToString(h.value()));
        } else if (v instanceof Value.GeoJsonValue g) {
            out.append("geo:");
            quote(out, g.json());
        } else if (v instanceof Value.ListValue l) {
            out.append(l.ordered() ? "o[" : "[");
            for (int i = 0; i < l.items().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                render(out, l.items().get(i));
            }
            out.append(']');
        } else if (v instanceof Value.MapValue m) {
            if (m.order() != Value.MapOrder.UNORDERED) {
                out.append(m.order());
            }
            out.append('{');
            Iterator<Map.Entry<Value, Value>> it = m.entries().entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Value, Value> e = it.next();
                render(out, e.getKey());
                out.append(": ");
                render(out, e.getValue());
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (v instanceof Value.InfinityValue) {
            out.append("INF");
        } else if (v instanceof Value.WildcardValue) {
            out.append('*');
        } else {
            throw new IllegalArgumentException("unknown value " + v);
        }
    }

    /** A string in quotes, escaped to ASCII; one over 64 characters shows its first 64 and its length. */
    private static void quote(StringBuilder out, String s) {
        out.append('"');
        int shown = Math.min(s.length(), 64);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (shown < s.length()) {
            out.append("...(").append(s.length()).append(" chars)");
        }
        out.append('"');
    }

    /** The log as one file: each command's length (4 bytes, big-endian), then its bytes. */
    static byte[] frame(List<byte[]> log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] command : log) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(command.length).array());
            out.writeBytes(command);
        }
        return out.toByteArray();
    }

    /** The commands of a file {@link #frame} wrote. */
    static List<byte[]> unframe(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        List<byte[]> log = new ArrayList<>();
        while (true) {
            int length;
            try {
                length = data.readInt();
            } catch (EOFException end) {
                return log;
            }
            if (length < 0 || length > MAX_COMMAND_BYTES) {
                throw new IOException("a command of " + length + " bytes in a golden log");
            }
            byte[] command = new byte[length];
            data.readFully(command);
            log.add(command);
        }
    }
}
