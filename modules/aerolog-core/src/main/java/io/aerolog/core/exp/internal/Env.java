package io.aerolog.core.exp.internal;

import io.aerolog.core.Record;
import io.aerolog.core.Value;

/**
 * What an expression evaluates against: the record as the command sees it, the command's time (the
 * only clock), the key's digest when the caller has it, and the values of {@code let} variables
 * (null for a variable whose value is unknown).
 */
final class Env {
    final Record record;
    final long nowMillis;
    final byte[] digest;
    final Value[] vars;

    Env(Record record, long nowMillis, byte[] digest, int varCount) {
        this.record = record;
        this.nowMillis = nowMillis;
        this.digest = digest == null ? null : digest.clone();
        this.vars = new Value[varCount];
    }
}
