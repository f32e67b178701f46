package io.aerolog.core.exp.internal;

import io.aerolog.core.Value;
import io.aerolog.core.ValueOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the comparison, logic and arithmetic instructions evaluate, each as its {@code eval_*} function
 * in Aerospike's {@code exp.c} does: which argument's unknown ends the evaluation, integer arithmetic
 * wrapping as the server's 64-bit integers do, shifts taking their count modulo 64 (as the x86 server
 * does), float-to-integer conversion of NaN or out-of-range values giving the x86 result
 * (Long.MIN_VALUE), and {@link StrictMath} so that every JVM computes the same bits.
 */
final class Ops {
    private Ops() {
    }

    static String name(int code) {
        return switch (code) {
            case Compiler.EQ -> "eq";
            case Compiler.NE -> "ne";
            case Compiler.GT -> "gt";
            case Compiler.GE -> "ge";
            case Compiler.LT -> "lt";
            case Compiler.LE -> "le";
            case Compiler.AND -> "and";
            case Compiler.OR -> "or";
            case Compiler.EXCLUSIVE -> "exclusive";
            case Compiler.ADD -> "add";
            case Compiler.SUB -> "sub";
            case Compiler.MUL -> "mul";
            case Compiler.DIV -> "div";
            case Compiler.MIN -> "min";
            case Compiler.MAX -> "max";
            case Compiler.FLOOR -> "floor";
            case Compiler.CEIL -> "ceil";
            case Compiler.TO_INT -> "to_int";
            case Compiler.INT_AND -> "int_and";
            case Compiler.INT_OR -> "int_or";
            case Compiler.INT_XOR -> "int_xor";
            case Compiler.INT_NOT -> "int_not";
            case Compiler.INT_COUNT -> "int_count";
            case Compiler.INT_LSHIFT -> "int_lshift";
            case Compiler.INT_RSHIFT -> "int_rshift";
            case Compiler.INT_ARSHIFT -> "int_arshift";
            case Compiler.INT_LSCAN -> "int_lscan";
            case Compiler.INT_RSCAN -> "int_rscan";
            default -> "op " + code;
        };
    }

    /** A boolean's truth; anything else cannot reach here past the compiler's type checks. */
    static boolean truth(Value v) {
        return ((Value.BoolValue) v).value();
    }

    static long integer(Value v) {
        return ((Value.IntegerValue) v).value();
    }

    static double dbl(Value v) {
        return ((Value.DoubleValue) v).value();
    }

    // ---- comparisons ({@code eval_compare}, {@code cmp_*})

    static Expr compare(int code, Expr a, Expr b) {
        return new Expr(ResultType.BOOL, env -> {
            Value x = a.evaluate(env);
            Value y = b.evaluate(env);
            int c = order(x, y);
            boolean result = switch (code) {
                case Compiler.EQ -> c == 0;
                case Compiler.NE -> c != 0;
                case Compiler.GT -> c > 0;
                case Compiler.GE -> c >= 0;
                case Compiler.LT -> c < 0;
                default -> c <= 0;
            };
            if (x instanceof Value.DoubleValue dx && (Double.isNaN(dx.value()) || Double.isNaN(dbl(y)))) {
                result = code == Compiler.NE; // IEEE: NaN compares unequal and unordered
            }
            return Value.of(result);
        });
    }

    /**
     * The order of two values of one type: nils are equal, booleans false &lt; true, numbers by value,
     * strings and blobs byte by byte then by length ({@code cmp_bytes}), lists and maps in Aerospike's
     * msgpack order, unknown when an unordered map takes part ({@code cmp_msgpack}).
     */
    private static int order(Value x, Value y) {
        if (x instanceof Value.NilValue) {
            return 0;
        }
        if (x instanceof Value.BoolValue bx) {
            return Boolean.compare(bx.value(), truth(y));
        }
        if (x instanceof Value.IntegerValue ix) {
            return Long.compare(ix.value(), integer(y));
        }
        if (x instanceof Value.DoubleValue dx) {
            double a = dx.value();
            double b = dbl(y);
            return a < b ? -1 : a > b ? 1 : 0;
        }
        if (x instanceof Value.StringValue sx) {
            return compareBytes(sx.value().getBytes(StandardCharsets.UTF_8),
                    ((Value.StringValue) y).value().getBytes(StandardCharsets.UTF_8));
        }
        if (x instanceof Value.BytesValue bx) {
            return compareBytes(bx.value(), ((Value.BytesValue) y).value());
        }
        if (reachesUnorderedMap(x, y)) {
            throw Unknown.INSTANCE;
        }
        return ValueOrder.compare(x, y);
    }

    static int compareBytes(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /**
     * Whether comparing {@code x} with {@code y} reaches a non-empty map without key order: Aerospike's
     * comparison walks both values in step until they differ, and an unordered map met on the way makes
     * the comparison unknown ({@code has_unordered_map} in {@code msgpack_cmp}).
     */
    private static boolean reachesUnorderedMap(Value x, Value y) {
        if (isUnorderedMap(x) || isUnorderedMap(y)) {
            return true;
        }
        if (x instanceof Value.ListValue lx && y instanceof Value.ListValue ly) {
            int n = Math.min(lx.items().size(), ly.items().size());
            for (int i = 0; i < n; i++) {
                Value a = lx.items().get(i);
                Value b = ly.items().get(i);
                if (reachesUnorderedMap(a, b)) {
                    return true;
                }
                if (ValueOrder.compare(a, b) != 0) {
                    return false;
                }
            }
            return false;
        }
        if (x instanceof Value.MapValue mx && y instanceof Value.MapValue my
                && mx.entries().size() == my.entries().size()) {
            var ix = mx.entries().entrySet().iterator();
            var iy = my.entries().entrySet().iterator();
            while (ix.hasNext()) {
                Map.Entry<Value, Value> a = ix.next();
                Map.Entry<Value, Value> b = iy.next();
                if (reachesUnorderedMap(a.getKey(), b.getKey())) {
                    return true;
                }
                if (ValueOrder.compare(a.getKey(), b.getKey()) != 0) {
                    return false;
                }
                if (reachesUnorderedMap(a.getValue(), b.getValue())) {
                    return true;
                }
                if (ValueOrder.compare(a.getValue(), b.getValue()) != 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean isUnorderedMap(Value v) {
        return v instanceof Value.MapValue m && m.order() == Value.MapOrder.UNORDERED && !m.entries().isEmpty();
    }

    /** {@code in_list}: whether the value equals an element of the list, in msgpack order. */
    static Expr inList(Expr a, Expr b) {
        return new Expr(ResultType.BOOL, env -> {
            Value v = a.evaluate(env);
            Value list = b.evaluate(env);
            if (!(list instanceof Value.ListValue l)) {
                throw Unknown.INSTANCE;
            }
            for (Value item : l.items()) {
                if (ValueOrder.compare(v, item) == 0) {
                    return Value.of(true);
                }
            }
            return Value.of(false);
        });
    }

    // ---- logic ({@code eval_and}, {@code eval_or}, {@code eval_exclusive})

    static Expr logical(int code, List<Expr> args) {
        Expr[] list = args.toArray(new Expr[0]);
        return switch (code) {
            case Compiler.AND -> new Expr(ResultType.BOOL, env -> {
                boolean unknown = false;
                for (Expr e : list) {
                    try {
                        if (!truth(e.evaluate(env))) {
                            return Value.of(false);
                        }
                    } catch (Unknown u) {
                        unknown = true;
                    }
                }
                if (unknown) {
                    throw Unknown.INSTANCE;
                }
                return Value.of(true);
            });
            case Compiler.OR -> new Expr(ResultType.BOOL, env -> {
                boolean unknown = false;
                for (Expr e : list) {
                    try {
                        if (truth(e.evaluate(env))) {
                            return Value.of(true);
                        }
                    } catch (Unknown u) {
                        unknown = true;
                    }
                }
                if (unknown) {
                    throw Unknown.INSTANCE;
                }
                return Value.of(false);
            });
            default -> new Expr(ResultType.BOOL, env -> {
                boolean seen = false;
                for (Expr e : list) {
                    if (truth(e.evaluate(env))) {
                        if (seen) {
                            return Value.of(false);
                        }
                        seen = true;
                    }
                }
                return Value.of(seen);
            });
        };
    }

    // ---- arithmetic

    /** add, sub, mul, div, min, max over INT or FLOAT arguments; the type is the first argument's. */
    static Expr math(int code, List<Expr> args) {
        Expr[] list = args.toArray(new Expr[0]);
        ResultType type = list[0].type();
        if (type == ResultType.FLOAT) {
            return new Expr(type, env -> {
                double acc = dbl(list[0].evaluate(env));
                if (list.length == 1) {
                    return switch (code) {
                        case Compiler.SUB -> Value.of(0.0 - acc);
                        case Compiler.DIV -> Value.of(1.0 / acc);
                        default -> Value.of(acc);
                    };
                }
                double product = 1.0;
                for (int i = 1; i < list.length; i++) {
                    double x = dbl(list[i].evaluate(env));
                    switch (code) {
                        case Compiler.ADD -> acc += x;
                        case Compiler.SUB -> acc -= x;
                        case Compiler.MUL -> acc *= x;
                        case Compiler.DIV -> product *= x;
                        case Compiler.MIN -> acc = acc > x ? x : acc;
                        default -> acc = acc < x ? x : acc;
                    }
                }
                return Value.of(code == Compiler.DIV ? acc / product : acc);
            });
        }
        return new Expr(type, env -> {
            long acc = integer(list[0].evaluate(env));
            if (list.length == 1) {
                return switch (code) {
                    case Compiler.SUB -> Value.of(0 - acc);
                    case Compiler.DIV -> {
                        if (acc == 0) {
                            throw Unknown.INSTANCE;
                        }
                        yield Value.of(1 / acc);
                    }
                    default -> Value.of(acc);
                };
            }
            long product = 1;
            for (int i = 1; i < list.length; i++) {
                long x = integer(list[i].evaluate(env));
                switch (code) {
                    case Compiler.ADD -> acc += x;
                    case Compiler.SUB -> acc -= x;
                    case Compiler.MUL -> acc *= x;
                    case Compiler.DIV -> product *= x;
                    case Compiler.MIN -> acc = Math.min(acc, x);
                    default -> acc = Math.max(acc, x);
                }
            }
            if (code == Compiler.DIV) {
                if (product == 0) {
                    throw Unknown.INSTANCE; // eval_div: integer division by zero
                }
                acc /= product;
            }
            return Value.of(acc);
        });
    }

    static Expr powOrLog(int code, Expr a, Expr b) {
        return new Expr(ResultType.FLOAT, env -> {
            double x = dbl(a.evaluate(env));
            double y = dbl(b.evaluate(env));
            return Value.of(code == Compiler.POW ? StrictMath.pow(x, y) : StrictMath.log(x) / StrictMath.log(y));
        });
    }

    static Expr mod(Expr a, Expr b) {
        return new Expr(ResultType.INT, env -> {
            long x = integer(a.evaluate(env));
            long y = integer(b.evaluate(env));
            if (y == 0) {
                throw Unknown.INSTANCE;
            }
            return Value.of(x % y);
        });
    }

    static Expr abs(Expr a) {
        if (a.type() == ResultType.FLOAT) {
            return new Expr(ResultType.FLOAT, env -> Value.of(Math.abs(dbl(a.evaluate(env)))));
        }
        return new Expr(ResultType.INT, env -> Value.of(Math.abs(integer(a.evaluate(env)))));
    }

    static Expr floatOp(int code, Expr a) {
        return switch (code) {
            case Compiler.FLOOR -> new Expr(ResultType.FLOAT, env -> Value.of(StrictMath.floor(dbl(a.evaluate(env)))));
            case Compiler.CEIL -> new Expr(ResultType.FLOAT, env -> Value.of(StrictMath.ceil(dbl(a.evaluate(env)))));
            default -> new Expr(ResultType.INT, env -> Value.of(toInt(dbl(a.evaluate(env)))));
        };
    }

    /** C's {@code (int64_t)} of a double on x86: NaN and values out of range give Long.MIN_VALUE. */
    static long toInt(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    static Expr toFloat(Expr a) {
        return new Expr(ResultType.FLOAT, env -> Value.of((double) integer(a.evaluate(env))));
    }

    static Expr intFold(int code, List<Expr> args) {
        Expr[] list = args.toArray(new Expr[0]);
        return new Expr(ResultType.INT, env -> {
            long acc = integer(list[0].evaluate(env));
            for (int i = 1; i < list.length; i++) {
                long x = integer(list[i].evaluate(env));
                acc = switch (code) {
                    case Compiler.INT_AND -> acc & x;
                    case Compiler.INT_OR -> acc | x;
                    default -> acc ^ x;
                };
            }
            return Value.of(acc);
        });
    }

    static Expr intOne(int code, Expr a) {
        if (code == Compiler.INT_NOT) {
            return new Expr(ResultType.INT, env -> Value.of(~integer(a.evaluate(env))));
        }
        return new Expr(ResultType.INT, env -> Value.of(Long.bitCount(integer(a.evaluate(env)))));
    }

    static Expr shift(int code, Expr a, Expr b) {
        return new Expr(ResultType.INT, env -> {
            long x = integer(a.evaluate(env));
            long s = integer(b.evaluate(env));
            return Value.of(switch (code) {
                case Compiler.INT_LSHIFT -> x << s;
                case Compiler.INT_RSHIFT -> x >>> s;
                default -> x >> s;
            });
        });
    }

    /**
     * lscan: the index from the left (0 = most significant) of the first bit equal to the search
     * value, -1 if none ({@code cf_msb64}); rscan: the index from the left of the last such bit.
     */
    static Expr scan(int code, Expr a, Expr b) {
        return new Expr(ResultType.INT, env -> {
            long x = integer(a.evaluate(env));
            boolean set = truth(b.evaluate(env));
            if (!set) {
                x = ~x;
            }
            if (code == Compiler.INT_LSCAN) {
                int lz = Long.numberOfLeadingZeros(x);
                return Value.of(lz == 64 ? -1 : lz);
            }
            return Value.of(63 - Long.numberOfTrailingZeros(x));
        });
    }

    /** map_keys / map_values: a list of a map's keys or values in its stored order. */
    static Expr mapKeysOrValues(boolean values, Expr a) {
        return new Expr(ResultType.LIST, env -> {
            Value v = a.evaluate(env);
            if (!(v instanceof Value.MapValue m)) {
                throw Unknown.INSTANCE;
            }
            List<Value> out = new ArrayList<>(m.entries().size());
            for (Map.Entry<Value, Value> e : m.entries().entrySet()) {
                out.add(values ? e.getValue() : e.getKey());
            }
            return new Value.ListValue(out);
        });
    }
}
