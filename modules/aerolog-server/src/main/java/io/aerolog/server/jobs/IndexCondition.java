package io.aerolog.server.jobs;

import static io.aerolog.core.exp.ExpressionBuilder.blob;
import static io.aerolog.core.exp.ExpressionBuilder.blobBin;
import static io.aerolog.core.exp.ExpressionBuilder.countBetween;
import static io.aerolog.core.exp.ExpressionBuilder.countEqual;
import static io.aerolog.core.exp.ExpressionBuilder.eq;
import static io.aerolog.core.exp.ExpressionBuilder.ge;
import static io.aerolog.core.exp.ExpressionBuilder.gt;
import static io.aerolog.core.exp.ExpressionBuilder.intBin;
import static io.aerolog.core.exp.ExpressionBuilder.integer;
import static io.aerolog.core.exp.ExpressionBuilder.le;
import static io.aerolog.core.exp.ExpressionBuilder.string;
import static io.aerolog.core.exp.ExpressionBuilder.stringBin;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.exp.ExpressionBuilder;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexType;
import io.aerolog.server.scan.IndexFilter;

/**
 * The index condition of a background query as an Aerospike filter expression (packed), so that each match's
 * command carries it and the engine checks it again on the record as it is when the command is applied, as the
 * server's {@code record_matches_query} does in the write of a background job: a record changed out of the
 * query's range between the match and the apply is not touched. A numeric range is {@code begin <= v <= end}
 * on an integer, a string or blob filter equality; a list, map-keys or map-values index asks for a count of
 * matching elements above 0 (at the index's context, when it has one). Deterministic: the same bytes for the
 * same filter, evaluated by the engine's expression evaluator only; the bytes are built by core's
 * {@link ExpressionBuilder}, with the opcodes its compiler reads.
 */
final class IndexCondition {
    private IndexCondition() {
    }

    /**
     * The condition of {@code filter} as a packed boolean expression.
     *
     * @throws AerologException UNSUPPORTED_FEATURE for a condition it cannot state (a geo2dsphere filter, a
     *                          single value at a context): a job that could not check it again is not started
     */
    static Value of(IndexFilter filter) {
        if (filter.type() == IndexType.GEO2DSPHERE) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "a background query on a geo2dsphere index"
                    + " is not served: its condition could not be checked again when each record's command applies"
                    + " (run the query and write the records it returns)");
        }
        boolean context = filter.context() != null && filter.context().length > 0;
        if (filter.collection() == CollectionType.DEFAULT && context) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "a background query on an index with a"
                    + " context of a single value is not served: its condition could not be checked again when each"
                    + " record's command applies");
        }
        boolean numeric = filter.type() == IndexType.NUMERIC;
        boolean text = filter.type() == IndexType.STRING;
        if (filter.collection() == CollectionType.DEFAULT) {
            if (numeric) {
                return ExpressionBuilder.and(ge(intBin(filter.bin()), integer(filter.begin())),
                        le(intBin(filter.bin()), integer(filter.end())));
            }
            return text ? eq(stringBin(filter.bin()), string(filter.equal()))
                    : eq(blobBin(filter.bin()), blob(filter.equal()));
        }
        // a collection's condition: the count of its matching elements (at the index's context) is above 0
        Value count = numeric
                ? countBetween(filter.collection(), filter.context(), filter.begin(), filter.end(), filter.bin())
                : countEqual(filter.collection(), filter.context(),
                        text ? string(filter.equal()) : blob(filter.equal()), filter.bin());
        return gt(count, integer(0));
    }

    /** {@code a and b} (b may be null: then {@code a}), both packed boolean expressions. */
    static Value and(Value a, Value b) {
        return b == null ? a : ExpressionBuilder.and(a, b);
    }
}
