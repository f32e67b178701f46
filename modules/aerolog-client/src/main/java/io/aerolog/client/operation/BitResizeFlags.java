package io.aerolog.client.operation;

/** Where and whether a bytes bin may be resized, as Aerospike's {@code BitResizeFlags} (OR them). */
public final class BitResizeFlags {
    public static final int DEFAULT = 0;
    public static final int FROM_FRONT = 1;
    public static final int GROW_ONLY = 2;
    public static final int SHRINK_ONLY = 4;

    private BitResizeFlags() {
    }
}
