package io.aerolog.client.operation;

/** Whether HyperLogLog writes create, update or fold, as Aerospike's {@code HLLWriteFlags} (OR them). */
public final class HLLWriteFlags {
    public static final int DEFAULT = 0;
    public static final int CREATE_ONLY = 1;
    public static final int UPDATE_ONLY = 2;
    public static final int NO_FAIL = 4;
    public static final int ALLOW_FOLD = 8;

    private HLLWriteFlags() {
    }
}
