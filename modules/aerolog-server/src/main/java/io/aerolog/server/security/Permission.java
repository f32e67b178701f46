package io.aerolog.server.security;

/**
 * What a request needs, as Aerospike's server names its permissions ({@code as_sec_perm} in
 * {@code security.h}): data transactions (read, scan or query, write, delete, UDF), data administration
 * (UDFs, secondary indexes, truncate), deployment operations, and user administration. A privilege grants
 * a set of them ({@link PrivilegeCode}); each request checks the one it needs.
 */
public enum Permission {
    READ, QUERY, WRITE, DELETE, UDF_APPLY, UDF_QUERY, OPS_QUERY,
    UDF_ADMIN, SINDEX_ADMIN, QUERY_ADMIN, TRUNCATE, EVICT_ADMIN, RECORD_INFO,
    SET_CONFIG, LOGGING_CTRL, SERVICE_CTRL, XDR_SET_FILTER,
    USER_ADMIN;

    /** This permission as one bit of a mask. */
    public long bit() {
        return 1L << ordinal();
    }

    /** The mask of {@code permissions}. */
    public static long mask(Permission... permissions) {
        long m = 0;
        for (Permission p : permissions) {
            m |= p.bit();
        }
        return m;
    }
}
