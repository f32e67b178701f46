package io.aerolog.client.operation;

/** Whether bit writes create or update the bin, as Aerospike's {@code BitWriteFlags} (OR them). */
public final class BitWriteFlags {
    public static final int DEFAULT = 0;
    public static final int CREATE_ONLY = 1;
    public static final int UPDATE_ONLY = 2;
    public static final int NO_FAIL = 4;
    public static final int PARTIAL = 8;

    private BitWriteFlags() {
    }
}
