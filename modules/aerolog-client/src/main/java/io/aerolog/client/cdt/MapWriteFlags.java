package io.aerolog.client.cdt;

/** Whether map writes create or update items, as Aerospike's {@code MapWriteFlags} (OR them). */
public final class MapWriteFlags {
    public static final int DEFAULT = 0;
    public static final int CREATE_ONLY = 1;
    public static final int UPDATE_ONLY = 2;
    public static final int NO_FAIL = 4;
    public static final int PARTIAL = 8;

    private MapWriteFlags() {
    }
}
