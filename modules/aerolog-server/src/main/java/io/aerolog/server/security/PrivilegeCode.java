package io.aerolog.server.security;

/**
 * Aerospike's privileges, with the numbers its clients send ({@code PrivilegeCode}) and the names its
 * tools show, each granting a set of {@link Permission}s. Codes 10 and above are data privileges that may
 * be scoped to a namespace or a namespace and set; the others are global. Each privilege is also a
 * predefined role of the same name.
 */
public enum PrivilegeCode {
    USER_ADMIN(0, "user-admin", Permission.USER_ADMIN),
    SYS_ADMIN(1, "sys-admin", Permission.SET_CONFIG, Permission.LOGGING_CTRL, Permission.SERVICE_CTRL,
            Permission.XDR_SET_FILTER, Permission.QUERY_ADMIN, Permission.EVICT_ADMIN, Permission.RECORD_INFO,
            Permission.UDF_ADMIN, Permission.SINDEX_ADMIN, Permission.TRUNCATE),
    DATA_ADMIN(2, "data-admin", Permission.UDF_ADMIN, Permission.SINDEX_ADMIN, Permission.TRUNCATE,
            Permission.QUERY_ADMIN),
    UDF_ADMIN(3, "udf-admin", Permission.UDF_ADMIN),
    SINDEX_ADMIN(4, "sindex-admin", Permission.SINDEX_ADMIN),
    READ(10, "read", Permission.READ, Permission.QUERY),
    READ_WRITE(11, "read-write", Permission.READ, Permission.QUERY, Permission.WRITE, Permission.DELETE,
            Permission.OPS_QUERY),
    READ_WRITE_UDF(12, "read-write-udf", Permission.READ, Permission.QUERY, Permission.WRITE, Permission.DELETE,
            Permission.OPS_QUERY, Permission.UDF_APPLY, Permission.UDF_QUERY),
    WRITE(13, "write", Permission.WRITE, Permission.DELETE),
    TRUNCATE(14, "truncate", Permission.TRUNCATE);

    private final int id;
    private final String roleName;
    private final long permissions;

    PrivilegeCode(int id, String roleName, Permission... permissions) {
        this.id = id;
        this.roleName = roleName;
        this.permissions = Permission.mask(permissions);
    }

    /** The number Aerospike's clients send for this privilege. */
    public int id() {
        return id;
    }

    /** The name of the privilege and of its predefined role, e.g. {@code read-write}. */
    public String roleName() {
        return roleName;
    }

    /** The permissions this privilege grants, as a mask of {@link Permission#bit()}s. */
    public long permissions() {
        return permissions;
    }

    /** Whether the privilege may be limited to a namespace (and set): Aerospike's data privileges. */
    public boolean scopable() {
        return id >= 10;
    }

    /** The privilege Aerospike numbers {@code id}, or null when it has none of that number. */
    public static PrivilegeCode of(int id) {
        for (PrivilegeCode c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }

    /** The privilege whose predefined role is named {@code name}, or null. */
    public static PrivilegeCode ofRoleName(String name) {
        for (PrivilegeCode c : values()) {
            if (c.roleName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
