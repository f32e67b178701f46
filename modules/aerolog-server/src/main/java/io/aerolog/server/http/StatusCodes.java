package io.aerolog.server.http;

import io.aerolog.core.ResultCode;

/** The HTTP status that answers each Aerospike result code. */
final class StatusCodes {
    private StatusCodes() {
    }

    static int of(ResultCode code) {
        return switch (code) {
            case OK -> 200;
            case KEY_NOT_FOUND_ERROR, INVALID_NAMESPACE -> 404;
            case KEY_EXISTS_ERROR, GENERATION_ERROR, BIN_EXISTS_ERROR -> 409;
            case RECORD_TOO_BIG -> 413;
            case PARAMETER_ERROR, BIN_TYPE_ERROR, BIN_NAME_TOO_LONG, PARSE_ERROR, SERIALIZE_ERROR, OP_NOT_APPLICABLE,
                 ELEMENT_NOT_FOUND, ELEMENT_EXISTS, BIN_NOT_FOUND, KEY_MISMATCH -> 400;
            case FAIL_FORBIDDEN, FILTERED_OUT -> 403;
            case UNSUPPORTED_FEATURE -> 501;
            case TIMEOUT -> 504;
            case PARTITION_UNAVAILABLE, KEY_BUSY, DEVICE_OVERLOAD -> 503;
            default -> 500;
        };
    }
}
