package io.aerolog.cli;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;

/** Opens Aerospike's Java client on a node with the tool's timeouts; a failure becomes the user's message. */
public final class AerospikeConnection {
    private AerospikeConnection() {
    }

    /** A client seeded with one node (it finds the others), every timeout set to {@code options.timeoutMillis}. */
    public static AerospikeClient open(NodeOptions options, int maxConnsPerNode) {
        options.validate();
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = options.timeoutMillis;
        policy.loginTimeout = options.timeoutMillis;
        policy.failIfNotConnected = true;
        policy.maxConnsPerNode = maxConnsPerNode;
        policy.readPolicyDefault.totalTimeout = options.timeoutMillis;
        policy.readPolicyDefault.socketTimeout = options.timeoutMillis;
        policy.writePolicyDefault.totalTimeout = options.timeoutMillis;
        policy.writePolicyDefault.socketTimeout = options.timeoutMillis;
        policy.queryPolicyDefault.totalTimeout = options.timeoutMillis;
        policy.queryPolicyDefault.socketTimeout = options.timeoutMillis;
        policy.scanPolicyDefault.totalTimeout = options.timeoutMillis;
        policy.scanPolicyDefault.socketTimeout = options.timeoutMillis;
        policy.infoPolicyDefault.timeout = options.timeoutMillis;
        if (options.credentials.present()) {
            policy.user = options.credentials.user;
            policy.password = options.credentials.password();
        }
        try {
            return new AerospikeClient(policy, new Host(options.host, options.port));
        } catch (AerospikeException e) {
            throw AerospikeFailures.of(e, options.target());
        }
    }
}
