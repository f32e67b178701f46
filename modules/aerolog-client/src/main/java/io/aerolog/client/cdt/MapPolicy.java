package io.aerolog.client.cdt;

import java.util.Objects;

/**
 * The order and write flags of map writes, as Aerospike's {@code MapPolicy}: either {@link MapWriteFlags}
 * or (the older form) a {@link MapWriteMode}, which picks the code of a put.
 *
 * @param order     the order a map created by the write keeps
 * @param flags     {@link MapWriteFlags}, OR'd (0 with a write mode)
 * @param writeMode the write mode ({@link MapWriteMode#UPDATE} with flags)
 */
public record MapPolicy(MapOrder order, int flags, MapWriteMode writeMode) {
    public static final MapPolicy DEFAULT = new MapPolicy(MapOrder.UNORDERED, MapWriteFlags.DEFAULT, MapWriteMode.UPDATE);

    public MapPolicy {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(writeMode, "writeMode");
        if (flags != 0 && writeMode != MapWriteMode.UPDATE) {
            throw new IllegalArgumentException("give write flags or a write mode, not both");
        }
    }

    public static MapPolicy of(MapOrder order, int flags) {
        return new MapPolicy(order, flags, MapWriteMode.UPDATE);
    }

    public static MapPolicy of(MapOrder order, MapWriteMode writeMode) {
        return new MapPolicy(order, MapWriteFlags.DEFAULT, writeMode);
    }
}
