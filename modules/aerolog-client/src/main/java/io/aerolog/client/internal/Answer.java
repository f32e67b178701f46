package io.aerolog.client.internal;

/**
 * A node's HTTP answer, as much of it as the client reads: the status, the body (empty, never null,
 * when there is none) and the two routing headers (null when absent).
 *
 * @param status        the HTTP status
 * @param body          the body's bytes
 * @param servedBy      {@value io.aerolog.protocol.RestApi#SERVED_BY_HEADER}: the node that served the request
 * @param mapGeneration {@value io.aerolog.protocol.RestApi#MAP_GENERATION_HEADER}: the fingerprint of the node's partition map
 */
record Answer(int status, byte[] body, String servedBy, String mapGeneration) {
    Answer {
        body = body == null ? new byte[0] : body;
    }
}
