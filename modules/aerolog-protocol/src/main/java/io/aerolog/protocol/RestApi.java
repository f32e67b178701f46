package io.aerolog.protocol;

/**
 * The names of the HTTP API that both sides use: paths and their parameters, and the headers Aerolog
 * adds to Aerospike's REST gateway contract (consistency tokens, map generation, who served, the
 * result code of a body-less answer, the once-only forwarding mark).
 */
public final class RestApi {
    /** Records by key: {@code /v1/kvs/{ns}[/{set}]/{key}}. */
    public static final String KVS = "/v1/kvs";
    /** Operations on one record: {@code /v1/operate/{ns}[/{set}]/{key}}. */
    public static final String OPERATE = "/v1/operate";
    /** The same in the gateway's typed form: {@code {"opsList": [...]}} in, {@code {"record": ...}} out. */
    public static final String OPERATE_TYPED = "/v2/operate";
    /** Batch reads and writes of many records. */
    public static final String BATCH = "/v1/batch";
    /** The cluster's partition map. */
    public static final String CLUSTER = "/v1/cluster";
    /** This node: its name, addresses and namespaces. */
    public static final String INFO = "/v1/info";
    /** Secondary indexes: {@code /v1/index} (list, create) and {@code /v1/index/{ns}/{name}} (statistics, drop). */
    public static final String INDEX = "/v1/index";
    /** A page of a scan of a namespace or set: {@code GET /v1/scan/{ns}[/{set}]?maxRecords=&from=}. */
    public static final String SCAN = "/v1/scan";
    public static final String QUERY = "/v1/query";
    /**
     * The gateway's background operations on every record of a namespace or set: {@code POST
     * /v1/execute/scan/{ns}[/{set}]} with the operations as {@code /v1/operate} takes them, answering the task
     * {@code {"taskId": ..., "scan": true}}; {@code GET /v1/execute/scan/status/{taskId}} answers its status.
     */
    public static final String EXECUTE_SCAN = "/v1/execute/scan";
    /** The same in the gateway's typed form: {@code {"opsList": [...]}} in. */
    public static final String EXECUTE_SCAN_TYPED = "/v2/execute/scan";
    /** After an execute path: the status of a task, {@code /status/{taskId}}. */
    public static final String EXECUTE_STATUS = "/status";
    /** Truncation of a namespace or set: {@code DELETE /v1/truncate/{ns}[/{set}][?date=]}. */
    public static final String TRUNCATE = "/v1/truncate";

    /** A write's place in the log, {@code partition:offset}; a read that carries it sees the write. */
    public static final String CONSISTENCY_TOKEN_HEADER = "X-Aerolog-Consistency-Token";
    /** The query parameter that carries a consistency token. */
    public static final String CONSISTENCY_TOKEN_PARAM = "consistencyToken";
    /** A fingerprint of the partition map the node used, equal on every node with the same map. */
    public static final String MAP_GENERATION_HEADER = "X-Aerolog-Map-Generation";
    /** The advertised HTTP address of the node that served the request. */
    public static final String SERVED_BY_HEADER = "X-Aerolog-Served-By";
    /** On every error answer, so that a HEAD answer (which has no body) tells KEY_NOT_FOUND from others. */
    public static final String RESULT_CODE_HEADER = "X-Aerolog-Result-Code";
    /** Marks a request a node forwarded to the owner, which must then serve it or refuse it, never forward again. */
    public static final String FORWARDED_HEADER = "X-Aerolog-Forwarded";

    private RestApi() {
    }
}
