package io.aerolog.server.wire;

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
import io.aerolog.core.udf.UdfCall;
import io.aerolog.core.udf.UdfModule;
import io.aerolog.server.jobs.BackgroundJob;
import io.aerolog.server.jobs.BackgroundJobs;
import io.aerolog.server.jobs.JobAction;
import io.aerolog.server.jobs.OperationsAction;
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.scan.SourceFactory;
import io.aerolog.server.security.Permission;
import io.aerolog.server.udf.UdfModules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the background scans and queries of Aerospike's protocol ({@code client.execute(policy, statement,
 * operations)} and {@code client.execute(policy, statement, package, function, args)}): the command each
 * matching record gets is built as the server builds its internal transaction ({@code ops_bg_query_job_start},
 * {@code udf_bg_query_job_start}): the operations as an update-only write (replace-only when the message
 * says), the UDF as a call on a record that must exist; both with the message's TTL and durable-delete flag,
 * no generation check, and the job's filter expression.
 */
final class WireJobs {
    private WireJobs() {
    }

    /** The permission a job needs on its namespace and set: ops-query for operations, udf-query for a UDF. */
    static long permission(ScanMessage.Job job) {
        return (job.udfOp() == 0 ? Permission.OPS_QUERY : Permission.UDF_QUERY).bit();
    }

    /** Starts background job {@code job} of request {@code r} on this node; answers it. */
    static BackgroundJob start(BackgroundJobs jobs, UdfModules udfs, NamespaceService ns, Request r,
                               ScanMessage.Job job, SourceFactory sources, String from) {
        return jobs.start(job.trid(), ns, job.scan(), sources, action(r, job, udfs), job.scan().recordsPerSecond(),
                from);
    }

    private static JobAction action(Request r, ScanMessage.Job job, UdfModules udfs) {
        boolean durableDelete = (r.info2() & Request.INFO2_DURABLE_DELETE) != 0;
        Value filter = r.filter();
        if (job.udfOp() == 0) {
            List<Operation> ops = new ArrayList<>(job.ops().size());
            for (Request.Op op : job.ops()) {
                ops.add(Commands.operation(op, false));
            }
            return OperationsAction.of(ops, (r.info3() & Request.INFO3_REPLACE_ONLY) != 0, r.recordTtl(),
                    durableDelete, filter);
        }
        if (udfs == null) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "this node serves no UDFs");
        }
        Request.Udf udf = job.udf();
        Optional<UdfModule> module = udfs.get(udf.packageName() + ".lua");
        WritePolicy policy = new WritePolicy(RecordExistsAction.UPDATE, GenerationPolicy.NONE, 0, r.recordTtl(),
                durableDelete, false);
        return new Udf(udf.packageName() + ".lua", udf.function(),
                module.map(m -> UdfCall.ofJob(m, udf.function(), udf.args() == null ? new byte[0] : udf.args())
                        .operation()).orElse(null), policy, filter);
    }

    private static Key key(String namespace, byte[] digest, Record record) {
        return Key.ofDigest(namespace, record.set(), Digest.of(digest));
    }

    /** A job's UDF call of the module's version when the job started (none when no module of it was registered). */
    private record Udf(String file, String function, Operation call, WritePolicy policy, Value filter)
            implements JobAction {
        @Override
        public Command commandFor(String namespace, byte[] digest, Record record) {
            return call == null ? null : new Command(null, null, key(namespace, digest, record), List.of(call), policy,
                    0, filter);
        }

        @Override
        public String jobType() {
            return "background-udf";
        }

        @Override
        public void describe(StringBuilder out, int active) {
            out.append(":udf-filename=").append(file).append(":udf-function=").append(function)
                    .append(":udf-active=").append(active);
        }
    }
}
