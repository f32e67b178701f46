package io.aerolog.protocol;

import io.aerolog.core.ResultCode;

/** The HTTP status that answers each Aerospike result code, and the code a body-less status stands for. */
public final class HttpStatus {
    private HttpStatus() {
    }

    /** The status a node answers {@code code} with. */
    public static int of(ResultCode code) {
        return switch (code) {
            case OK -> 200;
            case KEY_NOT_FOUND_ERROR, INVALID_NAMESPACE, INDEX_NOTFOUND -> 404;
            case KEY_EXISTS_ERROR, GENERATION_ERROR, BIN_EXISTS_ERROR -> 409;
            case RECORD_TOO_BIG -> 413;
            case PARAMETER_ERROR, BIN_TYPE_ERROR, BIN_NAME_TOO_LONG, PARSE_ERROR, SERIALIZE_ERROR, OP_NOT_APPLICABLE,
                 ELEMENT_NOT_FOUND, ELEMENT_EXISTS, BIN_NOT_FOUND, KEY_MISMATCH, GEO_INVALID_GEOJSON -> 400;
            case FAIL_FORBIDDEN, FILTERED_OUT, ROLE_VIOLATION -> 403;
            case NOT_AUTHENTICATED, INVALID_USER, INVALID_PASSWORD, INVALID_CREDENTIAL, EXPIRED_SESSION -> 401;
            case UNSUPPORTED_FEATURE -> 501;
            case TIMEOUT -> 504;
            case PARTITION_UNAVAILABLE, KEY_BUSY, DEVICE_OVERLOAD -> 503;
            default -> 500;
        };
    }

    /** The result code a status stands for when the answer has no error body (a HEAD, a proxy's page). */
    public static ResultCode resultCodeOf(int status) {
        return switch (status) {
            case 400 -> ResultCode.PARAMETER_ERROR;
            case 401 -> ResultCode.NOT_AUTHENTICATED;
            case 404 -> ResultCode.KEY_NOT_FOUND_ERROR;
            case 409 -> ResultCode.KEY_EXISTS_ERROR;
            case 413 -> ResultCode.RECORD_TOO_BIG;
            case 501 -> ResultCode.UNSUPPORTED_FEATURE;
            case 503 -> ResultCode.PARTITION_UNAVAILABLE;
            case 504 -> ResultCode.TIMEOUT;
            default -> ResultCode.SERVER_ERROR;
        };
    }
}
