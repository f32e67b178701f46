package io.aerolog.core.exp.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.bits.BitOperations;
import io.aerolog.core.cdt.CdtOperations;
import io.aerolog.core.engine.BinOpResult;
import io.aerolog.core.hll.HllOperations;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code call} instruction: a list, map, bit or HyperLogLog operation run on a value inside an
 * expression ({@code build_call}, {@code parse_op_call}, {@code eval_call} in {@code exp.c}). Its wire
 * form is {@code [127, resultType, system, operation, binExpression]}; the operation is the same
 * payload as the operation's ({@code [code, args...]}, or {@code [0xff, context, [code, args...]]}),
 * where each argument that is a list is an expression to evaluate and anything else is a literal. The
 * rebuilt payload goes to {@link CdtOperations}, {@link BitOperations} or {@link HllOperations}, with
 * the same signature their operations use. A failed operation makes the call unknown, as on the
 * server; one Aerolog does not serve stays UNSUPPORTED_FEATURE.
 */
final class Calls {
    static final int SYSTEM_CDT = 0;
    private static final int SYSTEM_BITS = 1;
    private static final int SYSTEM_HLL = 2;
    /** The call modifies its bin argument (locally) and returns the modified value. */
    private static final int FLAG_MODIFY_LOCAL = 0x40;
    private static final int CDT_CONTEXT_EVAL = 0xff;
    private static final int CDT_SELECT = 0xfe;

    private Calls() {
    }

    /** One argument of the operation: a literal, or an expression evaluated at each call. */
    private record Argument(Value literal, Expr expression) {
        Value value(Env env) {
            return expression == null ? literal : expression.evaluate(env);
        }
    }

    static Expr compile(Compiler compiler, int args) {
        if (args != 4) {
            throw Wire.malformed("call takes 4 arguments, got " + args);
        }
        Wire in = compiler.wire();
        long type = in.integer();
        if (type < 0 || type >= ResultType.INPUT_END) {
            throw Wire.malformed("call result type " + type + " is not one of Aerospike's (0-9)");
        }
        ResultType resultType = ResultType.ofCode(type);
        long system = in.integer();
        int base = (int) (system & ~FLAG_MODIFY_LOCAL);
        if ((system & ~(long) (FLAG_MODIFY_LOCAL | 3)) != 0 || base > SYSTEM_HLL) {
            throw Wire.malformed("call system " + system + " is not 0 (list/map), 1 (bits) or 2 (HLL)");
        }
        boolean modifyLocal = (system & FLAG_MODIFY_LOCAL) != 0;

        int count = in.listHeader();
        if (count == 0) {
            throw Wire.malformed("a call's operation is an empty list");
        }
        long code = in.integer();
        Value context = null;
        if (code == CDT_CONTEXT_EVAL) {
            if (count != 3) {
                throw Wire.malformed("a call's context operation has " + count + " elements, not 3");
            }
            context = in.data();
            count = in.listHeader();
            if (count == 0) {
                throw Wire.malformed("a call's operation is an empty list");
            }
            code = in.integer();
        }
        if (code == CDT_SELECT) {
            throw Compiler.unsupported("call of a collection select (0xfe)");
        }
        List<Argument> arguments = new ArrayList<>(count - 1);
        for (int i = 1; i < count; i++) {
            if (in.peek() == Wire.Kind.LIST) {
                arguments.add(new Argument(null, compiler.compileNext()));
            } else {
                arguments.add(new Argument(in.data(), null));
            }
        }
        Expr bin = compiler.compileNext();
        ResultType staticType = resultType;
        if (bin.type() == ResultType.NIL) {
            // build_call: a nil bin argument ends the checks, and the call takes the nil's type
            staticType = ResultType.NIL;
        } else {
            ResultType needed = switch (base) {
                case SYSTEM_CDT -> bin.type() == ResultType.LIST || bin.type() == ResultType.MAP ? bin.type() : null;
                case SYSTEM_BITS -> bin.type() == ResultType.BLOB ? bin.type() : null;
                default -> bin.type() == ResultType.HLL ? bin.type() : null;
            };
            if (needed == null) {
                throw Wire.malformed("call of system " + base + " cannot take a bin of type " + bin.type());
            }
        }
        long opCode = code;
        Value ctx = context;
        return new Expr(staticType, env -> {
            List<Value> items = new ArrayList<>(arguments.size() + 1);
            items.add(Value.of(opCode));
            for (Argument a : arguments) {
                items.add(a.value(env));
            }
            Value operation = new Value.ListValue(items);
            if (ctx != null) {
                operation = new Value.ListValue(List.of(Value.of((long) CDT_CONTEXT_EVAL), ctx, operation));
            }
            Value input = bin.evaluate(env);
            Value binValue = switch (input.type()) {
                case NIL -> null;
                case LIST, MAP, BYTES, HLL -> input;
                default -> throw Unknown.INSTANCE;
            };
            Value result = run(base, modifyLocal, binValue, operation);
            if (ResultType.of(result) != resultType) {
                throw Unknown.INSTANCE;
            }
            return result == null ? Value.NIL : result;
        });
    }

    private static Value run(int system, boolean modifyLocal, Value bin, Value operation) {
        try {
            if (modifyLocal) {
                BinOpResult r = switch (system) {
                    case SYSTEM_CDT -> CdtOperations.modify(bin, operation);
                    case SYSTEM_BITS -> BitOperations.modify(bin, operation);
                    default -> HllOperations.modify(bin, operation);
                };
                return r.bin();
            }
            return switch (system) {
                case SYSTEM_CDT -> CdtOperations.read(bin, operation);
                case SYSTEM_BITS -> BitOperations.read(bin, operation);
                default -> HllOperations.read(bin, operation);
            };
        } catch (AerologException e) {
            if (e.resultCode() == ResultCode.UNSUPPORTED_FEATURE) {
                throw e;
            }
            throw Unknown.INSTANCE; // eval_call: an operation that fails makes the call unknown
        }
    }
}
