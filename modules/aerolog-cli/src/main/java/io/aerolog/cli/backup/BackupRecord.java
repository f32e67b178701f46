package io.aerolog.cli.backup;

import java.util.List;

/**
 * One record as a backup file holds it: where it lives (namespace, set, digest), its user key when the
 * record stored one, its generation, its void time (seconds since 2010-01-01, Aerospike's citrus epoch;
 * 0 never expires) and its bins in order.
 */
record BackupRecord(String namespace, String set, byte[] digest, UserKey key, int generation, long voidTime,
                    List<BackupBin> bins) implements BackupEntry {
    /** Bytes in a record's digest (RIPEMD-160). */
    static final int DIGEST_SIZE = 20;

    BackupRecord {
        if (digest.length != DIGEST_SIZE) {
            throw new IllegalArgumentException("a digest of " + digest.length + " bytes");
        }
        bins = List.copyOf(bins);
    }

    /** A user key as asbackup labels it: I (integer, a Long), D (double), S (string) or B (bytes). */
    record UserKey(char type, Object value) {
    }
}
