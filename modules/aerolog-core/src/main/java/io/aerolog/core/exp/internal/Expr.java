package io.aerolog.core.exp.internal;

import io.aerolog.core.Value;

/**
 * One compiled instruction: its static result type and how it evaluates. {@code unknownOp} marks the
 * server's {@code unknown} instruction (and a {@code let} whose scope is one), which a {@code cond}
 * branch may return whatever the other branches' type.
 */
record Expr(ResultType type, boolean unknownOp, Eval eval) {
    /** Evaluation on a record; throws {@link Unknown} where Aerospike's result is unknown. */
    interface Eval {
        Value apply(Env env);
    }

    Expr(ResultType type, Eval eval) {
        this(type, false, eval);
    }

    Value evaluate(Env env) {
        return eval.apply(env);
    }
}
