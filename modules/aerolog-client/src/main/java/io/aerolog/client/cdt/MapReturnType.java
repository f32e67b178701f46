package io.aerolog.client.cdt;

/** What a map operation returns, as Aerospike's {@code MapReturnType}; OR {@link #INVERTED} to select the rest. */
public final class MapReturnType {
    public static final int NONE = 0;
    public static final int INDEX = 1;
    public static final int REVERSE_INDEX = 2;
    public static final int RANK = 3;
    public static final int REVERSE_RANK = 4;
    public static final int COUNT = 5;
    public static final int KEY = 6;
    public static final int VALUE = 7;
    public static final int KEY_VALUE = 8;
    public static final int EXISTS = 13;
    public static final int UNORDERED_MAP = 16;
    public static final int ORDERED_MAP = 17;
    public static final int INVERTED = 0x10000;

    private MapReturnType() {
    }
}
