package io.aerolog.client.cdt;

/** What a list operation returns, as Aerospike's {@code ListReturnType}; OR {@link #INVERTED} to select the rest. */
public final class ListReturnType {
    public static final int NONE = 0;
    public static final int INDEX = 1;
    public static final int REVERSE_INDEX = 2;
    public static final int RANK = 3;
    public static final int REVERSE_RANK = 4;
    public static final int COUNT = 5;
    public static final int VALUE = 7;
    public static final int EXISTS = 13;
    public static final int INVERTED = 0x10000;

    private ListReturnType() {
    }
}
