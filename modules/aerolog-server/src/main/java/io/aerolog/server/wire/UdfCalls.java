package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.OpResult;
import io.aerolog.core.udf.UdfCall;
import io.aerolog.core.udf.UdfLimits;
import io.aerolog.core.udf.UdfModule;
import io.aerolog.server.udf.UdfModules;
import java.util.List;
import java.util.Optional;

/**
 * A record UDF call of Aerospike's protocol ({@code execute}, a BatchUDF row): its fields checked as the
 * server checks them, and the command that carries it to the log with the version and the source of the
 * module registered now, so that applying it (and replaying it, anywhere, later) runs that version.
 */
final class UdfCalls {
    private UdfCalls() {
    }

    /** Whether {@code r} calls a record UDF. */
    static boolean isCall(Request r) {
        return r.udf() != null;
    }

    /**
     * The module {@code r} calls, or empty when none of that package is registered (answered with
     * {@link #notLoaded}).
     *
     * @throws AerologException PARAMETER_ERROR for a call without package or function, with operations, or
     *                          that does not write; UNSUPPORTED_FEATURE where the node serves no UDFs
     */
    static Optional<UdfModule> module(Request r, UdfModules modules) {
        Request.Udf udf = r.udf();
        if (udf.packageName() == null || udf.packageName().isEmpty() || udf.function() == null
                || udf.function().isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a UDF call names its package and its function");
        }
        if (udf.function().length() > UdfLimits.MAX_FUNCTION_NAME_CHARS
                || udf.packageName().length() + 4 > UdfLimits.MAX_MODULE_NAME_CHARS) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a UDF package or function name over "
                    + UdfLimits.MAX_FUNCTION_NAME_CHARS + " characters");
        }
        if (!RecordService.writes(r) || (r.info2() & Request.INFO2_DELETE) != 0 || !r.ops().isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a UDF call is a write of its own, without"
                    + " operations or a delete");
        }
        if (modules == null) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "this node serves no UDFs");
        }
        return modules.get(udf.packageName() + ".lua");
    }

    /** The command of {@code r}'s call of {@code module} on {@code key}. */
    static Command command(Request r, Key key, UdfModule module) {
        byte[] args = r.udf().args() == null ? new byte[0] : r.udf().args();
        return new Command(null, null, key, List.of(UdfCall.of(module, r.udf().function(), args).operation()),
                Commands.policy(r, key), 0, r.filter());
    }

    /** The answer to a call of a package no module of which is registered: the server's UDF failure. */
    static RecordService.Answer notLoaded() {
        return new RecordService.Answer(ResultCode.UDF_BAD_RESPONSE, 0, 0,
                List.of(new OpResult("FAILURE", Value.of(UdfModules.NOT_LOADED))), false);
    }
}
