package io.aerolog.core.exp;

import static io.aerolog.core.exp.ExpFixtures.NOW;
import static io.aerolog.core.exp.ExpFixtures.bins;
import static io.aerolog.core.exp.ExpFixtures.readOp;
import static io.aerolog.core.exp.ExpFixtures.record;
import static io.aerolog.core.exp.ExpFixtures.writeOp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.exp.ExpWriteFlags;
import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Expression operations (EXP_READ, EXP_MODIFY), ported from the Java client's TestExpOperation: its
 * records (key A: A=1, D=2; key B: B=2, D=2), its flags and result codes, plus the rules of
 * {@code as_exp_read_tr} / {@code as_exp_modify_tr} in Aerospike's {@code expop.c}.
 */
class ExpressionOperationsTest {
    static Record keyA() {
        return record(bins("A", Value.of(1L), "D", Value.of(2L)));
    }

    static Record keyB() {
        return record(bins("B", Value.of(2L), "D", Value.of(2L)));
    }

    static ResultCode code(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (AerologException e) {
            return e.resultCode();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        throw new AssertionError("no exception");
    }

    static final Exp A_PLUS_4 = Exp.add(Exp.intBin("A"), Exp.val(4));

    @Test
    void expReadEvalError() {
        assertThat(Expressions.read(readOp(A_PLUS_4, ExpReadFlags.DEFAULT), keyA(), NOW)).isEqualTo(Value.of(5L));
        assertThat(code(() -> Expressions.read(readOp(A_PLUS_4, ExpReadFlags.DEFAULT), keyB(), NOW)))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(Expressions.read(readOp(A_PLUS_4, ExpReadFlags.EVAL_NO_FAIL), keyB(), NOW)).isEqualTo(Value.NIL);
    }

    @Test
    void expWriteEvalError() {
        assertThat(Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.DEFAULT), "C", keyA(), NOW))
                .isEqualTo(Value.of(5L));
        assertThat(code(() -> Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.DEFAULT), "C", keyB(), NOW)))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        // EVAL_NO_FAIL: nothing is written, the bin stays as it was (absent here)
        assertThat(Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.EVAL_NO_FAIL), "C", keyB(), NOW)).isNull();
        assertThat(Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.EVAL_NO_FAIL), "D", keyB(), NOW))
                .isEqualTo(Value.of(2L));
    }

    @Test
    void expWritePolicyError() {
        Record withC = record(bins("A", Value.of(1L), "D", Value.of(2L), "C", Value.of(5L)));
        assertThat(code(() -> Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.UPDATE_ONLY), "C", keyA(), NOW)))
                .isEqualTo(ResultCode.BIN_NOT_FOUND);
        assertThat(Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.UPDATE_ONLY | ExpWriteFlags.POLICY_NO_FAIL),
                "C", keyA(), NOW)).isNull();
        assertThat(Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.CREATE_ONLY), "C", keyA(), NOW))
                .isEqualTo(Value.of(5L));
        assertThat(code(() -> Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.CREATE_ONLY), "C", withC, NOW)))
                .isEqualTo(ResultCode.BIN_EXISTS_ERROR);
        assertThat(Expressions.modify(writeOp(A_PLUS_4, ExpWriteFlags.CREATE_ONLY | ExpWriteFlags.POLICY_NO_FAIL),
                "C", withC, NOW)).isEqualTo(Value.of(5L));
        // a nil that would delete a bin needs ALLOW_DELETE
        assertThat(code(() -> Expressions.modify(writeOp(Exp.nil(), ExpWriteFlags.DEFAULT), "C", withC, NOW)))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(Expressions.modify(writeOp(Exp.nil(), ExpWriteFlags.POLICY_NO_FAIL), "C", withC, NOW))
                .isEqualTo(Value.of(5L));
        assertThat(Expressions.modify(writeOp(Exp.nil(), ExpWriteFlags.ALLOW_DELETE), "C", withC, NOW)).isNull();
        // nil on an absent bin deletes nothing and is no error
        assertThat(Expressions.modify(writeOp(Exp.nil(), ExpWriteFlags.DEFAULT), "C", keyA(), NOW)).isNull();
    }

    /**
     * as_exp_modify_tr tests {@code flags && AS_EXP_FLAG_POLICY_NO_FAIL != 0}, which is true for any
     * non-zero flags: a nil without ALLOW_DELETE keeps the bin silently under EVAL_NO_FAIL too.
     */
    @Test
    void nilWithAnyFlagKeepsTheBinAsTheServerDoes() {
        Record withC = record(bins("C", Value.of(5L)));
        assertThat(Expressions.modify(writeOp(Exp.nil(), ExpWriteFlags.EVAL_NO_FAIL), "C", withC, NOW))
                .isEqualTo(Value.of(5L));
    }

    @Test
    void expReturnsUnknown() {
        Exp exp = Exp.cond(
                Exp.eq(Exp.intBin("C"), Exp.val(5)), Exp.unknown(),
                Exp.binExists("A"), Exp.val(5),
                Exp.unknown());
        assertThat(code(() -> Expressions.modify(writeOp(exp, ExpWriteFlags.DEFAULT), "C", keyA(), NOW)))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(Expressions.modify(writeOp(exp, ExpWriteFlags.EVAL_NO_FAIL), "C", keyA(), NOW)).isNull();
        // when C is 5 the cond picks unknown() explicitly
        Record c5 = record(bins("A", Value.of(1L), "C", Value.of(5L)));
        assertThat(code(() -> Expressions.read(readOp(exp, 0), c5, NOW))).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        Record c4 = record(bins("A", Value.of(1L), "C", Value.of(4L)));
        assertThat(Expressions.read(readOp(exp, 0), c4, NOW)).isEqualTo(Value.of(5L));
    }

    @Test
    void expReturnsEachType() {
        assertThat(Expressions.read(readOp(Exp.nil(), 0), keyA(), NOW)).isEqualTo(Value.NIL);
        assertThat(Expressions.read(readOp(Exp.add(Exp.toFloat(Exp.intBin("A")), Exp.val(4.0)), 0), keyA(), NOW))
                .isEqualTo(Value.of(5.0));
        assertThat(Expressions.read(readOp(Exp.val("xxx"), 0), keyA(), NOW)).isEqualTo(Value.of("xxx"));
        assertThat(Expressions.modify(writeOp(Exp.val(new byte[] {0x78, 0x78, 0x78}), 0), "C", keyA(), NOW))
                .isEqualTo(Value.of(new byte[] {0x78, 0x78, 0x78}));
        assertThat(Expressions.modify(writeOp(Exp.eq(Exp.intBin("A"), Exp.val(1)), 0), "C", keyA(), NOW))
                .isEqualTo(Value.of(true));
        assertThat(Expressions.read(readOp(Exp.val(List.of(1L, "a")), 0), keyA(), NOW))
                .isEqualTo(new Value.ListValue(List.of(Value.of(1L), Value.of("a"))));
        assertThat(Expressions.read(readOp(Exp.val(new TreeMap<>(Map.of("k", 1L))), 0), keyA(), NOW))
                .isEqualTo(new Value.MapValue(Map.of(Value.of("k"), Value.of(1L)), Value.MapOrder.KEY_ORDERED));
    }

    @Test
    void readFlagsOtherThanEvalNoFailAreParameterError() {
        assertThat(code(() -> Expressions.read(readOp(Exp.val(1), ExpWriteFlags.CREATE_ONLY), keyA(), NOW)))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(code(() -> Expressions.modify(writeOp(Exp.val(1), 32), "C", keyA(), NOW)))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
    }

    /** The engine runs EXP_MODIFY then EXP_READ in one command, the read seeing the write. */
    @Test
    void engineServesExpressionOperationsInOrder() {
        Record current = keyA();
        Operation write = new Operation(OperationType.EXP_MODIFY, "C", writeOp(A_PLUS_4, 0));
        Operation read = new Operation(OperationType.EXP_READ, "EV", readOp(Exp.mul(Exp.intBin("C"), Exp.val(2)), 0));
        Command command = Command.of(Key.of("test", "set1", "k"), WritePolicy.DEFAULT, NOW, write, read);
        Outcome outcome = RecordEngine.apply(current, command, NamespaceConfig.defaults("test"));
        assertThat(outcome.resultCode()).isEqualTo(ResultCode.OK);
        assertThat(outcome.record().bins()).containsEntry("C", Value.of(5L));
        assertThat(outcome.results().get(1).value()).isEqualTo(Value.of(10L));
    }

    @Test
    void engineFiltersWithExpression() {
        Command command = Command.of(Key.of("test", "set1", "k"), WritePolicy.DEFAULT, NOW,
                Operation.write("Z", Value.of(1L))).withFilter(ExpFixtures.filter(Exp.eq(Exp.intBin("A"), Exp.val(2))));
        Outcome outcome = RecordEngine.apply(keyA(), command, NamespaceConfig.defaults("test"));
        assertThat(outcome.resultCode()).isEqualTo(ResultCode.FILTERED_OUT);
    }
}
