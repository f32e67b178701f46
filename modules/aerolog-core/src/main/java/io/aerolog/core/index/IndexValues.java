package io.aerolog.core.index;

import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.cdt.CdtOperations;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.geo.GeoShape;
import io.aerolog.core.geo.InvalidGeoJsonException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The values a secondary index holds for a record, each as a 64-bit index value: a numeric index the
 * integer itself (so its entries sort by value and a range is one key range); a string or blob index a
 * 64-bit hash of its bytes (equality only; a query checks the record's own value, so a collision never
 * returns a wrong record); a geo2dsphere index Aerospike's S2 cells of each GeoJSON value: a point's leaf cell,
 * a region's covering (queries test each candidate's GeoJSON exactly; GeoJSON that does not parse has none). A record outside the index's set, without the bin, or whose value at the context is not
 * of the index's type has none; a list or map contributes its elements, keys or values of the right type.
 * Pure and deterministic.
 */
public final class IndexValues {
    /** The most values one record contributes to one index (Aerospike bounds a record's entries likewise). */
    public static final int MAX_PER_RECORD = 1_000;
    private static final long[] NONE = new long[0];

    private IndexValues() {
    }

    /** The distinct index values of {@code record} under {@code index}, ascending. */
    public static long[] of(IndexDefinition index, Record record) {
        if (record == null || !index.set().isEmpty() && !index.set().equals(record.set())) {
            return NONE;
        }
        return ofBin(index, record.bins().get(index.bin()));
    }

    /**
     * The distinct index values under {@code index}, ascending, of a record in the index's set whose bin
     * {@code index.bin()} holds {@code bin} (null: the record has no such bin).
     */
    public static long[] ofBin(IndexDefinition index, Value bin) {
        if (bin == null) {
            return NONE;
        }
        Value target = index.context() == null ? bin
                : CdtOperations.dig(bin, MsgPack.unpack(index.context(), 0, index.context().length));
        if (target == null) {
            return NONE;
        }
        long[] out;
        switch (index.collection()) {
            case DEFAULT -> {
                if (index.type() == IndexType.GEO2DSPHERE) {
                    return collect(index.type(), java.util.List.of(target));
                }
                Long v = valueOf(index.type(), target);
                return v == null ? NONE : new long[] {v};
            }
            case LIST -> {
                if (!(target instanceof Value.ListValue list)) {
                    return NONE;
                }
                out = collect(index.type(), list.items());
            }
            case MAPKEYS -> {
                if (!(target instanceof Value.MapValue map)) {
                    return NONE;
                }
                out = collect(index.type(), map.entries().keySet());
            }
            case MAPVALUES -> {
                if (!(target instanceof Value.MapValue map)) {
                    return NONE;
                }
                out = collect(index.type(), map.entries().values());
            }
            default -> throw new IllegalStateException(index.collection().name());
        }
        return out;
    }

    /**
     * Whether the bin {@code bin} (the value of {@code index.bin()} in a record of the index's set) holds a value
     * whose index value is in [{@code begin}, {@code end}] and, with {@code equal}, whose bytes are {@code equal}.
     */
    public static boolean holdsBin(IndexDefinition index, Value bin, long begin, long end, byte[] equal) {
        for (long v : ofBin(index, bin)) {
            if (v >= begin && v <= end) {
                return equal == null || holdsExactly(index, bin, equal);
            }
        }
        return false;
    }

    private static boolean holdsExactly(IndexDefinition index, Value bin, byte[] equal) {
        Value target = index.context() == null ? bin
                : CdtOperations.dig(bin, MsgPack.unpack(index.context(), 0, index.context().length));
        Iterable<Value> candidates = switch (index.collection()) {
            case DEFAULT -> java.util.List.of(target);
            case LIST -> target instanceof Value.ListValue l ? l.items() : java.util.List.of();
            case MAPKEYS -> target instanceof Value.MapValue m ? m.entries().keySet() : java.util.List.of();
            case MAPVALUES -> target instanceof Value.MapValue m ? m.entries().values() : java.util.List.of();
        };
        for (Value v : candidates) {
            byte[] bytes = bytesOf(index.type(), v);
            if (bytes != null && Arrays.equals(bytes, equal)) {
                return true;
            }
        }
        return false;
    }

    private static long[] collect(IndexType type, java.util.Collection<Value> values) {
        long[] out = new long[Math.min(type == IndexType.GEO2DSPHERE ? values.size() * 12 : values.size(),
                MAX_PER_RECORD)];
        int n = 0;
        for (Value v : values) {
            if (type == IndexType.GEO2DSPHERE) {
                for (long cell : geoCells(v)) {
                    if (n < out.length) {
                        out[n++] = cell;
                    }
                }
                continue;
            }
            Long bval = valueOf(type, v);
            if (bval != null && n < out.length) {
                out[n++] = bval;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        int distinct = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[distinct++] = out[i];
            }
        }
        return Arrays.copyOf(out, distinct);
    }

    /**
     * The GeoJSON values {@code record} holds under a geo2dsphere {@code index} (at its context, in its
     * collection), parsed; values that are not GeoJSON or do not parse are left out.
     */
    public static java.util.List<GeoShape> geoShapes(IndexDefinition index, Record record) {
        if (record == null || !index.set().isEmpty() && !index.set().equals(record.set())) {
            return java.util.List.of();
        }
        return geoShapesOfBin(index, record.bins().get(index.bin()));
    }

    /**
     * The GeoJSON values, parsed, under a geo2dsphere {@code index} of a record in the index's set whose bin
     * {@code index.bin()} holds {@code bin} (null: the record has no such bin).
     */
    public static java.util.List<GeoShape> geoShapesOfBin(IndexDefinition index, Value bin) {
        Value target = bin == null || index.context() == null ? bin
                : CdtOperations.dig(bin, MsgPack.unpack(index.context(), 0, index.context().length));
        if (target == null) {
            return java.util.List.of();
        }
        java.util.Collection<Value> values = switch (index.collection()) {
            case DEFAULT -> java.util.List.of(target);
            case LIST -> target instanceof Value.ListValue l ? l.items() : java.util.List.of();
            case MAPKEYS -> target instanceof Value.MapValue m ? m.entries().keySet() : java.util.List.of();
            case MAPVALUES -> target instanceof Value.MapValue m ? m.entries().values() : java.util.List.of();
        };
        java.util.List<GeoShape> out = new java.util.ArrayList<>();
        for (Value v : values) {
            GeoShape g = v instanceof Value.GeoJsonValue ? geoShape(v) : null;
            if (g != null && out.size() < MAX_PER_RECORD) {
                out.add(g);
            }
        }
        return out;
    }

    private static long[] geoCells(Value v) {
        GeoShape g = geoShape(v);
        return g == null ? NONE : g.indexCells();
    }

    private static GeoShape geoShape(Value v) {
        if (!(v instanceof Value.GeoJsonValue json)) {
            return null;
        }
        try {
            return GeoShape.parse(json.json());
        } catch (InvalidGeoJsonException e) {
            return null;
        }
    }

    /** The index value of {@code v} in a numeric, string or blob index, or null (a GeoJSON value has cells instead). */
    public static Long valueOf(IndexType type, Value v) {
        return switch (type) {
            case NUMERIC -> v instanceof Value.IntegerValue i ? i.value() : null;
            case STRING, BLOB -> {
                byte[] bytes = bytesOf(type, v);
                yield bytes == null ? null : hash(bytes);
            }
            case GEO2DSPHERE -> null;
        };
    }

    /** The bytes a string, blob or GeoJSON value is indexed by, or null when {@code v} is not of the type. */
    public static byte[] bytesOf(IndexType type, Value v) {
        return switch (type) {
            case STRING -> v instanceof Value.StringValue s ? s.value().getBytes(StandardCharsets.UTF_8) : null;
            case BLOB -> v instanceof Value.BytesValue b ? b.value() : null;
            case GEO2DSPHERE -> v instanceof Value.GeoJsonValue g ? g.json().getBytes(StandardCharsets.UTF_8) : null;
            case NUMERIC -> null;
        };
    }

    /** A 64-bit hash of {@code bytes} (the first 8 bytes of their SHA-256): the index value of a string or blob. */
    public static long hash(byte[] bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (h[i] & 0xFF);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
