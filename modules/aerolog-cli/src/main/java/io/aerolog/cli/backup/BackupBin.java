package io.aerolog.cli.backup;

/**
 * One bin of a backed-up record, labelled as asbackup labels it: {@code N} nil (no value), {@code Z}
 * boolean, {@code I} integer (a Long), {@code D} double, {@code S} string, {@code G} GeoJSON (both Strings),
 * and bytes (a byte[]) whose label is their particle type: {@code B} blob, {@code L} list and {@code M} map
 * (Aerospike's msgpack particle bytes), {@code Y} HyperLogLog, and the language blobs {@code J C P R H E}.
 */
record BackupBin(String name, char type, Object value) {
    /** The labels whose value is bytes. */
    static final String BYTES_TYPES = "BJCPRHEYML";

    static boolean isBytes(char type) {
        return BYTES_TYPES.indexOf(type) >= 0;
    }
}
