package io.aerolog.client.cdt;

/** How a list sort treats duplicates, as Aerospike's {@code ListSortFlags}. */
public final class ListSortFlags {
    public static final int DEFAULT = 0;
    public static final int DROP_DUPLICATES = 2;

    private ListSortFlags() {
    }
}
