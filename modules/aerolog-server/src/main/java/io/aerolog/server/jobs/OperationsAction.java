package io.aerolog.server.jobs;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import java.util.List;

/**
 * A background job's operations, applied to each record it reaches as the server's {@code ops_bg_query_job}
 * builds its internal transaction: an update-only write (replace-only when asked), with the job's TTL and
 * durable-delete flag, no generation check, and the job's filter expression. Whichever door started the job
 * (Aerospike's protocol or the REST gateway's {@code /v1/execute/scan}), its command is this one.
 */
public record OperationsAction(List<Operation> ops, WritePolicy policy, Value filter) implements JobAction {
    public OperationsAction {
        ops = List.copyOf(ops);
    }

    /**
     * The action of {@code ops} (every one a write: a job returns no bins, PARAMETER_ERROR otherwise), replacing
     * the record's bins when {@code replaceOnly}, else updating them, with {@code ttl} and {@code durableDelete}.
     */
    public static OperationsAction of(List<Operation> ops, boolean replaceOnly, int ttl, boolean durableDelete,
                                      Value filter) {
        if (ops.isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a background job needs at least one operation");
        }
        for (Operation op : ops) {
            if (!op.type().isWrite()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "a background scan or query with read"
                        + " operation type " + op.type() + ": its operations write");
            }
        }
        RecordExistsAction exists = replaceOnly ? RecordExistsAction.REPLACE_ONLY : RecordExistsAction.UPDATE_ONLY;
        return new OperationsAction(ops, new WritePolicy(exists, GenerationPolicy.NONE, 0, ttl, durableDelete, false),
                filter);
    }

    @Override
    public Command commandFor(String namespace, byte[] digest, Record record) {
        return new Command(null, null, Key.ofDigest(namespace, record.set(), Digest.of(digest)), ops, policy, 0, filter);
    }

    @Override
    public String jobType() {
        return "background-ops";
    }

    @Override
    public void describe(StringBuilder out, int active) {
        out.append(":ops-active=").append(active);
    }
}
