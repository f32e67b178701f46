package io.aerolog.cli.backup;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.command.ParticleType;
import com.aerospike.client.util.Packer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Between Aerospike's Java client and a backup file's records: a scanned record becomes a
 * {@link BackupRecord} (lists and maps packed back into Aerospike's msgpack particle bytes, as asbackup
 * stores them), and a file's record becomes the key and bins the client writes (lists, maps and
 * HyperLogLogs sent as their particle bytes, so the node stores exactly what the file holds).
 */
final class ClientValues {
    private ClientValues() {
    }

    /** The backup form of a record a scan returned. */
    static BackupRecord fromScan(Key key, Record record) {
        BackupRecord.UserKey userKey = userKey(key.userKey);
        List<BackupBin> bins = new ArrayList<>(record.bins == null ? 0 : record.bins.size());
        if (record.bins != null) {
            for (Map.Entry<String, Object> e : record.bins.entrySet()) {
                bins.add(bin(e.getKey(), e.getValue()));
            }
        }
        return new BackupRecord(key.namespace, key.setName == null ? "" : key.setName, key.digest, userKey,
                record.generation, Integer.toUnsignedLong(record.expiration), bins);
    }

    private static BackupRecord.UserKey userKey(Value v) {
        if (v == null || v instanceof Value.NullValue) {
            return null;
        }
        Object o = v.getObject();
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return new BackupRecord.UserKey('I', ((Number) o).longValue());
        }
        if (o instanceof String s) {
            return new BackupRecord.UserKey('S', s);
        }
        if (o instanceof byte[] b) {
            return new BackupRecord.UserKey('B', b);
        }
        throw new UnsupportedValueException("a user key of type " + o.getClass().getSimpleName()
                + " (keys are integers, strings or bytes)");
    }

    static BackupBin bin(String name, Object o) {
        if (o == null) {
            return new BackupBin(name, 'N', null);
        }
        if (o instanceof Boolean b) {
            return new BackupBin(name, 'Z', b);
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return new BackupBin(name, 'I', ((Number) o).longValue());
        }
        if (o instanceof Double || o instanceof Float) {
            return new BackupBin(name, 'D', ((Number) o).doubleValue());
        }
        if (o instanceof String s) {
            return new BackupBin(name, 'S', s);
        }
        if (o instanceof byte[] b) {
            return new BackupBin(name, 'B', b);
        }
        if (o instanceof Value.GeoJSONValue g) {
            return new BackupBin(name, 'G', g.toString());
        }
        if (o instanceof Value.HLLValue h) {
            return new BackupBin(name, 'Y', h.getBytes());
        }
        if (o instanceof List<?> l) {
            return new BackupBin(name, 'L', Packer.pack(l));
        }
        if (o instanceof Map<?, ?> m) {
            return new BackupBin(name, 'M', Packer.pack(m, Value.MapValue.getMapOrder(m)));
        }
        throw new UnsupportedValueException("bin '" + name + "' holds a " + o.getClass().getName()
                + ", which asbackup's text format has no type for");
    }

    /** The key to write {@code r} under in {@code namespace}: its digest, with its user key when it has one. */
    static Key key(BackupRecord r, String namespace) {
        Value userKey = null;
        if (r.key() != null) {
            userKey = switch (r.key().type()) {
                case 'I' -> Value.get((long) (Long) r.key().value());
                case 'S' -> Value.get((String) r.key().value());
                case 'B' -> Value.get((byte[]) r.key().value());
                default -> throw new UnsupportedValueException("a " + r.key().type()
                        + " (floating-point) user key, which Aerospike's Java client cannot send");
            };
        }
        return new Key(namespace, r.digest(), r.set().isEmpty() ? null : r.set(), userKey);
    }

    /** The bins of {@code r} as the client writes them. */
    static Bin[] bins(BackupRecord r) {
        Bin[] bins = new Bin[r.bins().size()];
        for (int i = 0; i < bins.length; i++) {
            BackupBin b = r.bins().get(i);
            Value v = switch (b.type()) {
                case 'N' -> Value.getAsNull();
                case 'Z' -> Value.get((boolean) (Boolean) b.value());
                case 'I' -> Value.get((long) (Long) b.value());
                case 'D' -> Value.get((double) (Double) b.value());
                case 'S' -> Value.get((String) b.value());
                case 'G' -> Value.getAsGeoJSON((String) b.value());
                case 'B' -> Value.get((byte[]) b.value());
                case 'Y' -> new Value.HLLValue((byte[]) b.value());
                case 'L' -> new Value.BytesValue((byte[]) b.value(), ParticleType.LIST);
                case 'M' -> new Value.BytesValue((byte[]) b.value(), ParticleType.MAP);
                default -> new Value.BytesValue((byte[]) b.value(), languageType(b.type()));
            };
            bins[i] = new Bin(b.name(), v);
        }
        return bins;
    }

    private static int languageType(char label) {
        return switch (label) {
            case 'J' -> ParticleType.JBLOB;
            case 'C' -> 8;
            case 'P' -> 9;
            case 'R' -> 10;
            case 'H' -> 11;
            case 'E' -> 12;
            default -> throw new UnsupportedValueException("bin type " + label);
        };
    }
}
