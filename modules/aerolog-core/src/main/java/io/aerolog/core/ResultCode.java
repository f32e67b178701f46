package io.aerolog.core;

/**
 * Aerospike's result codes, with Aerospike's numbers and names, so that an Aerospike user reads
 * Aerolog's answers as Aerospike's. Only the codes Aerolog can produce are listed.
 */
public enum ResultCode {
    OK(0),
    SERVER_ERROR(1),
    KEY_NOT_FOUND_ERROR(2),
    GENERATION_ERROR(3),
    PARAMETER_ERROR(4),
    KEY_EXISTS_ERROR(5),
    BIN_EXISTS_ERROR(6),
    TIMEOUT(9),
    PARTITION_UNAVAILABLE(11),
    BIN_TYPE_ERROR(12),
    RECORD_TOO_BIG(13),
    KEY_BUSY(14),
    UNSUPPORTED_FEATURE(16),
    BIN_NOT_FOUND(17),
    DEVICE_OVERLOAD(18),
    KEY_MISMATCH(19),
    INVALID_NAMESPACE(20),
    BIN_NAME_TOO_LONG(21),
    FAIL_FORBIDDEN(22),
    ELEMENT_NOT_FOUND(23),
    ELEMENT_EXISTS(24),
    OP_NOT_APPLICABLE(26),
    FILTERED_OUT(27),
    /** A UDF failed: its error is in the answer's FAILURE bin (Aerospike's AS_ERR_UDF_EXECUTION). */
    UDF_BAD_RESPONSE(100),
    /** Security (login, users, roles) is not served by this node. */
    SECURITY_NOT_SUPPORTED(51),
    /** A security message of a scheme, or a login mode (PKI, external), that this node does not serve. */
    SECURITY_SCHEME_NOT_SUPPORTED(53),
    /** A security message whose command is not one of Aerospike's. */
    INVALID_COMMAND(54),
    /** A security message with a field missing, malformed or out of bounds. */
    INVALID_FIELD(55),
    /** No such user, or a user name that is empty or too long. */
    INVALID_USER(60),
    USER_ALREADY_EXISTS(61),
    /** A wrong password, or one that is not a password hash as Aerospike's clients send it. */
    INVALID_PASSWORD(62),
    /** A new password equal to the current one. */
    FORBIDDEN_PASSWORD(64),
    /** A session token that this cluster did not issue, or for another user or password. */
    INVALID_CREDENTIAL(65),
    EXPIRED_SESSION(66),
    /** No such role, a predefined role where a user-defined one is needed, or a name that is empty or too long. */
    INVALID_ROLE(70),
    ROLE_ALREADY_EXISTS(71),
    INVALID_PRIVILEGE(72),
    /** Rate quotas on roles, which this node does not enforce. */
    QUOTAS_NOT_ENABLED(74),
    /** The connection or request has not logged in, or its user no longer exists. */
    NOT_AUTHENTICATED(80),
    /** The user's roles do not allow the request on its namespace and set. */
    ROLE_VIOLATION(81),
    /** A batch has more keys than a node serves in one request. */
    BATCH_MAX_REQUESTS_EXCEEDED(151),
    /** A node has too many batches under way to take another now. */
    BATCH_QUEUES_FULL(152),
    /** A GeoJSON bin value that Aerospike's GeoJSON parser refuses (AS_ERR_GEO_INVALID_GEOJSON). */
    GEO_INVALID_GEOJSON(160),
    /** A secondary index of that name (or of that bin, type and context) exists already. */
    INDEX_FOUND(200),
    /** No secondary index serves the query's bin, type and context. */
    INDEX_NOTFOUND(201),
    /** The secondary index is still being built. */
    INDEX_NOTREADABLE(203),
    /** The namespace has as many secondary indexes as it may. */
    INDEX_MAXCOUNT(206),
    /** Client side: the request could not be understood (Aerospike's PARSE_ERROR). */
    PARSE_ERROR(-2),
    /** Client side: a value could not be serialized (Aerospike's SERIALIZE_ERROR). */
    SERIALIZE_ERROR(-10);

    private final int code;

    ResultCode(int code) {
        this.code = code;
    }

    /** Aerospike's number for this result. */
    public int code() {
        return code;
    }

    /** The result code of an Aerospike number, or {@link #SERVER_ERROR} for a number Aerolog does not know. */
    public static ResultCode of(int code) {
        for (ResultCode rc : values()) {
            if (rc.code == code) {
                return rc;
            }
        }
        return SERVER_ERROR;
    }
}
