package io.aerolog.core.exp.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Compiles an expression's msgpack bytes into a tree of {@link Expr}s, as Aerospike's server builds
 * one ({@code build_next} and the {@code build_*} functions of {@code exp.c}): the same argument
 * counts, the same static type checks, the same variable scoping, the same refusals (all
 * PARAMETER_ERROR). Instructions the server has and Aerolog does not serve are UNSUPPORTED_FEATURE,
 * named. Evaluation semantics live beside each instruction (see {@link Ops}).
 */
final class Compiler {
    static final int UNKNOWN = 0;
    static final int EQ = 1;
    static final int NE = 2;
    static final int GT = 3;
    static final int GE = 4;
    static final int LT = 5;
    static final int LE = 6;
    static final int REGEX = 7;
    static final int GEO = 8;
    static final int IN_LIST = 9;
    static final int AND = 16;
    static final int OR = 17;
    static final int NOT = 18;
    static final int EXCLUSIVE = 19;
    static final int ADD = 20;
    static final int SUB = 21;
    static final int MUL = 22;
    static final int DIV = 23;
    static final int POW = 24;
    static final int LOG = 25;
    static final int MOD = 26;
    static final int ABS = 27;
    static final int FLOOR = 28;
    static final int CEIL = 29;
    static final int TO_INT = 30;
    static final int TO_FLOAT = 31;
    static final int INT_AND = 32;
    static final int INT_OR = 33;
    static final int INT_XOR = 34;
    static final int INT_NOT = 35;
    static final int INT_LSHIFT = 36;
    static final int INT_RSHIFT = 37;
    static final int INT_ARSHIFT = 38;
    static final int INT_COUNT = 39;
    static final int INT_LSCAN = 40;
    static final int INT_RSCAN = 41;
    static final int MIN = 50;
    static final int MAX = 51;
    static final int DIGEST_MODULO = 64;
    static final int DEVICE_SIZE = 65;
    static final int LAST_UPDATE = 66;
    static final int SINCE_UPDATE = 67;
    static final int VOID_TIME = 68;
    static final int TTL = 69;
    static final int SET_NAME = 70;
    static final int KEY_EXISTS = 71;
    static final int IS_TOMBSTONE = 72;
    static final int MEMORY_SIZE = 73;
    static final int RECORD_SIZE = 74;
    static final int KEY = 80;
    static final int BIN = 81;
    static final int BIN_TYPE = 82;
    static final int RESULT_REMOVE = 100;
    static final int MAP_KEYS = 101;
    static final int MAP_VALUES = 102;
    static final int VAR_BUILTIN = 122;
    static final int COND = 123;
    static final int VAR = 124;
    static final int LET = 125;
    static final int QUOTE = 126;
    static final int CALL = 127;
    /** The server's {@code EXP_OP_CODE_END}: codes at or above it are not instructions. */
    static final int OP_CODE_END = 128;

    /** Aerospike's bin names are shorter than {@code AS_BIN_NAME_MAX_SZ} (16) bytes. */
    private static final int BIN_NAME_MAX_SZ = 16;
    /** Builtin variables ({@code AS_EXP_BUILTIN_KEY, VALUE, INDEX}), set only inside a collection select. */
    private static final int BUILTIN_COUNT = 3;
    private static final int BUILTIN_INDEX = 2;

    private final Wire in;
    private final Deque<List<Variable>> scopes = new ArrayDeque<>();
    private int varIndex;
    private int maxVarIndex;
    private int depth;

    private Compiler(Wire in) {
        this.in = in;
    }

    /** A compiled expression and how many variable slots its evaluation needs. */
    record Compiled(Expr root, int varCount) {
    }

    /** A {@code let} variable in scope; {@code type} is null while its own definition compiles. */
    private record Variable(byte[] name, int index, ResultType type) {
    }

    /**
     * Compiles the expression in {@code length} bytes of {@code buf} from {@code offset}
     * ({@code build_internal}): exactly one instruction, no bytes after it, of a known type.
     */
    static Compiled compile(byte[] buf, int offset, int length) {
        if (length >= Limits.EXP_MAX_SIZE) {
            throw Wire.malformed("an expression of " + length + " bytes is over Aerospike's limit of "
                    + Limits.EXP_MAX_SIZE + " (EXP_MAX_SIZE)");
        }
        if (length == 0) {
            throw Wire.malformed("the expression is empty");
        }
        Compiler c = new Compiler(new Wire(buf, offset, length));
        Expr root = c.next();
        if (!c.in.atEnd()) {
            throw Wire.malformed(c.in.remaining() + " bytes follow the expression");
        }
        if (root.type() == ResultType.END) {
            throw Wire.malformed("the expression has no result type (a wildcard or infinity alone)");
        }
        return new Compiled(root, c.maxVarIndex);
    }

    /** One instruction and everything it takes ({@code build_next}). */
    private Expr next() {
        if (++depth > Limits.MAX_NESTING) {
            throw Wire.malformed("instructions nest more than " + Limits.MAX_NESTING + " levels deep");
        }
        try {
            if (in.peek() != Wire.Kind.LIST) {
                return value();
            }
            int count = in.listHeader();
            if (count == 0) {
                throw Wire.malformed("an instruction is an empty list");
            }
            long code = in.integer();
            if (code < 0 || code >= OP_CODE_END) {
                throw Wire.malformed("invalid expression op code " + Long.toUnsignedString(code));
            }
            return instruction((int) code, count - 1);
        } finally {
            depth--;
        }
    }

    /** A literal value: anything but a list ({@code build_value_*}). */
    private Expr value() {
        Wire.Kind kind = in.peek();
        switch (kind) {
            case STRING, BYTES, GEOJSON -> {
                byte[] raw = in.raw();
                if (raw.length == 0) {
                    throw Wire.malformed("a blob value is empty (no particle type byte)");
                }
                int type = raw[0] & 0xff;
                if (kind == Wire.Kind.BYTES && type != Wire.PARTICLE_BLOB && type != Wire.PARTICLE_HLL) {
                    throw Wire.malformed("a blob value has particle type " + type + ", not 4 (blob) or 18 (HLL)");
                }
                Value v = Wire.particle(raw);
                if (v instanceof Value.GeoJsonValue g) {
                    Geo.check(g.json());
                }
                return constant(ResultType.of(v), v);
            }
            case WILDCARD, INFINITY -> {
                return constant(ResultType.END, in.data());
            }
            case EXT -> throw Wire.malformed("a msgpack ext is not a value");
            default -> {
                Value v = in.data();
                return constant(ResultType.of(v), v);
            }
        }
    }

    private static Expr constant(ResultType type, Value v) {
        return new Expr(type, env -> v);
    }

    private Expr instruction(int code, int args) {
        return switch (code) {
            case UNKNOWN -> {
                arity("unknown", args, 0);
                yield new Expr(ResultType.BOOL, true, env -> {
                    throw Unknown.INSTANCE;
                });
            }
            case EQ, NE, GT, GE, LT, LE -> compare(code, args);
            case REGEX -> regex(args);
            case GEO -> geo(args);
            case IN_LIST -> inList(args);
            case AND, OR, EXCLUSIVE -> logical(code, args);
            case NOT -> {
                arity("not", args, 1);
                Expr arg = expect(next(), ResultType.BOOL, "not");
                yield new Expr(ResultType.BOOL, env -> Value.of(!Ops.truth(arg.evaluate(env))));
            }
            case ADD, SUB, MUL, DIV, MIN, MAX -> Ops.math(code, mathArgs(code, args));
            case POW, LOG -> {
                arity(code == POW ? "pow" : "log", args, 2);
                Expr a = expect(next(), ResultType.FLOAT, code == POW ? "pow" : "log");
                Expr b = expect(next(), ResultType.FLOAT, code == POW ? "pow" : "log");
                yield Ops.powOrLog(code, a, b);
            }
            case MOD -> {
                arity("mod", args, 2);
                Expr a = expect(next(), ResultType.INT, "mod");
                Expr b = expect(next(), ResultType.INT, "mod");
                yield Ops.mod(a, b);
            }
            case ABS -> {
                arity("abs", args, 1);
                Expr a = next();
                if (a.type() != ResultType.INT && a.type() != ResultType.FLOAT) {
                    throw typeError("abs", a.type());
                }
                yield Ops.abs(a);
            }
            case FLOOR, CEIL, TO_INT -> {
                arity(Ops.name(code), args, 1);
                yield Ops.floatOp(code, expect(next(), ResultType.FLOAT, Ops.name(code)));
            }
            case TO_FLOAT -> {
                arity("to_float", args, 1);
                yield Ops.toFloat(expect(next(), ResultType.INT, "to_float"));
            }
            case INT_AND, INT_OR, INT_XOR -> {
                if (args < 1) {
                    throw Wire.malformed(Ops.name(code) + " needs at least 1 argument");
                }
                List<Expr> list = new ArrayList<>(args);
                for (int i = 0; i < args; i++) {
                    list.add(expect(next(), ResultType.INT, Ops.name(code)));
                }
                yield Ops.intFold(code, list);
            }
            case INT_NOT, INT_COUNT -> {
                arity(Ops.name(code), args, 1);
                yield Ops.intOne(code, expect(next(), ResultType.INT, Ops.name(code)));
            }
            case INT_LSHIFT, INT_RSHIFT, INT_ARSHIFT -> {
                arity(Ops.name(code), args, 2);
                Expr a = expect(next(), ResultType.INT, Ops.name(code));
                Expr b = expect(next(), ResultType.INT, Ops.name(code));
                yield Ops.shift(code, a, b);
            }
            case INT_LSCAN, INT_RSCAN -> {
                arity(Ops.name(code), args, 2);
                Expr a = next();
                Expr b = next();
                if (a.type() != ResultType.INT) {
                    throw typeError(Ops.name(code), a.type());
                }
                if (b.type() != ResultType.BOOL) {
                    throw typeError(Ops.name(code), b.type());
                }
                yield Ops.scan(code, a, b);
            }
            case DIGEST_MODULO -> {
                arity("digest_modulo", args, 1);
                int mod = (int) in.integer();
                if (mod == 0) {
                    throw Wire.malformed("digest_modulo cannot take a modulo of 0");
                }
                yield Metadata.digestModulo(mod);
            }
            case DEVICE_SIZE, LAST_UPDATE, SINCE_UPDATE, VOID_TIME, TTL, SET_NAME, KEY_EXISTS, IS_TOMBSTONE,
                 MEMORY_SIZE, RECORD_SIZE -> {
                arity(Metadata.name(code), args, 0);
                yield Metadata.of(code);
            }
            case KEY -> {
                arity("key", args, 1);
                long type = in.integer();
                ResultType t = type == ResultType.INT.code() ? ResultType.INT
                        : type == ResultType.STR.code() ? ResultType.STR
                        : type == ResultType.BLOB.code() ? ResultType.BLOB : null;
                if (t == null) {
                    throw Wire.malformed("key type " + type + " is not 2 (int), 3 (string) or 6 (blob)");
                }
                yield Metadata.key(t);
            }
            case BIN -> {
                arity("bin", args, 2);
                long type = in.integer();
                if (type < 0 || type >= ResultType.INPUT_END) {
                    throw Wire.malformed("bin type " + type + " is not one of Aerospike's (0-9)");
                }
                String name = binName();
                yield Metadata.bin(name, ResultType.ofCode(type));
            }
            case BIN_TYPE -> {
                arity("bin_type", args, 1);
                yield Metadata.binType(binName());
            }
            case RESULT_REMOVE -> throw unsupported("result_remove (100), which only a collection select uses");
            case MAP_KEYS, MAP_VALUES -> {
                arity(code == MAP_KEYS ? "map_keys" : "map_values", args, 1);
                yield Ops.mapKeysOrValues(code == MAP_VALUES, next());
            }
            case VAR_BUILTIN -> builtin(args);
            case COND -> cond(args);
            case VAR -> variable(args);
            case LET -> let(args);
            case QUOTE -> {
                arity("quote", args, 1);
                if (in.peek() != Wire.Kind.LIST) {
                    throw Wire.malformed("quote takes a list");
                }
                Value list = in.data();
                yield constant(ResultType.LIST, list);
            }
            case CALL -> Calls.compile(this, args);
            default -> throw Wire.malformed("invalid expression op code " + code);
        };
    }

    private Expr compare(int code, int args) {
        arity(Ops.name(code), args, 2);
        Expr a = next();
        Expr b = next();
        if (a.type() != b.type()) {
            throw Wire.malformed(Ops.name(code) + " compares mismatched types " + a.type() + " and " + b.type());
        }
        if (a.type() == ResultType.GEOJSON || a.type() == ResultType.HLL) {
            throw Wire.malformed(Ops.name(code) + " cannot compare " + a.type());
        }
        if (a.type() == ResultType.END) {
            throw Wire.malformed(Ops.name(code) + " cannot compare a wildcard or infinity");
        }
        return Ops.compare(code, a, b);
    }

    private Expr regex(int args) {
        arity("cmp_regex", args, 3);
        long flags = in.integer();
        byte[] pattern = in.raw();
        Expr subject = next();
        if (subject.type() != ResultType.STR) {
            throw typeError("cmp_regex", subject.type());
        }
        int end = pattern.length;
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] == 0) {
                end = i;
                break;
            }
        }
        PosixRegex regex = PosixRegex.compile(new String(pattern, 0, end, StandardCharsets.UTF_8), (int) flags);
        return new Expr(ResultType.BOOL, env -> {
            Value v = subject.evaluate(env);
            if (!(v instanceof Value.StringValue s)) {
                throw Unknown.INSTANCE;
            }
            return Value.of(regex.find(s.value()));
        });
    }

    private Expr geo(int args) {
        arity("cmp_geo", args, 2);
        Expr a = next();
        if (a.type() != ResultType.GEOJSON) {
            throw typeError("cmp_geo", a.type());
        }
        Expr b = next();
        if (b.type() != ResultType.GEOJSON) {
            throw typeError("cmp_geo", b.type());
        }
        return Geo.compare(a, b);
    }

    private Expr inList(int args) {
        arity("in_list", args, 2);
        Expr a = next();
        Expr b = next();
        if (b.type() != ResultType.LIST) {
            throw typeError("in_list", b.type());
        }
        return Ops.inList(a, b);
    }

    private Expr logical(int code, int args) {
        if (args < 2) {
            throw Wire.malformed(Ops.name(code) + " needs at least 2 arguments, got " + args);
        }
        List<Expr> list = new ArrayList<>(args);
        for (int i = 0; i < args; i++) {
            list.add(expect(next(), ResultType.BOOL, Ops.name(code)));
        }
        return Ops.logical(code, list);
    }

    /** Arithmetic arguments: at least one, all INT or all FLOAT ({@code build_math_vargs}). */
    private List<Expr> mathArgs(int code, int args) {
        if (args < 1) {
            throw Wire.malformed(Ops.name(code) + " needs at least 1 argument");
        }
        List<Expr> list = new ArrayList<>(args);
        ResultType expected = null;
        for (int i = 0; i < args; i++) {
            Expr e = next();
            if (e.type() != ResultType.INT && e.type() != ResultType.FLOAT) {
                throw typeError(Ops.name(code), e.type());
            }
            if (expected == null) {
                expected = e.type();
            } else if (expected != e.type()) {
                throw Wire.malformed(Ops.name(code) + " mixes INT and FLOAT at argument " + (i + 1));
            }
            list.add(e);
        }
        return list;
    }

    private Expr builtin(int args) {
        arity("var_builtin", args, 2);
        long type = in.integer();
        long index = in.integer();
        if (index < 0 || index >= BUILTIN_COUNT) {
            throw Wire.malformed("builtin variable " + index + " does not exist");
        }
        if (index == BUILTIN_INDEX && type != ResultType.INT.code()) {
            throw Wire.malformed("builtin variable 'index' is an integer");
        }
        if (type < 0 || type >= ResultType.INPUT_END) {
            throw Wire.malformed("builtin variable type " + type + " is not one of Aerospike's (0-9)");
        }
        // Builtins have values only inside a collection select, which Aerolog does not serve.
        return new Expr(ResultType.ofCode(type), env -> {
            throw Unknown.INSTANCE;
        });
    }

    /** {@code cond}: condition/value pairs then a default, all values of one type or unknown. */
    private Expr cond(int args) {
        if (args < 3) {
            throw Wire.malformed("cond needs at least 3 arguments, got " + args);
        }
        if (args % 2 == 0) {
            throw Wire.malformed("cond needs a default value (an odd number of arguments)");
        }
        int cases = args / 2;
        Expr[] conditions = new Expr[cases];
        Expr[] values = new Expr[cases];
        ResultType type = null;
        for (int i = 0; i < cases; i++) {
            conditions[i] = expect(next(), ResultType.BOOL, "cond");
            values[i] = next();
            if (!values[i].unknownOp()) {
                if (type == null) {
                    type = values[i].type();
                }
                if (values[i].type() != type) {
                    throw Wire.malformed("cond's value " + (i + 1) + " is " + values[i].type() + ", expected " + type);
                }
            }
        }
        Expr otherwise = next();
        if (type == null) {
            type = otherwise.type();
        } else if (!otherwise.unknownOp() && otherwise.type() != type) {
            throw Wire.malformed("cond's default is " + otherwise.type() + ", expected " + type);
        }
        return new Expr(type, env -> {
            for (int i = 0; i < cases; i++) {
                if (Ops.truth(conditions[i].evaluate(env))) {
                    return values[i].evaluate(env);
                }
            }
            return otherwise.evaluate(env);
        });
    }

    private Expr variable(int args) {
        arity("var", args, 1);
        byte[] name = in.raw();
        Variable v = find(name);
        if (v == null) {
            throw Wire.malformed("undefined variable '" + new String(name, StandardCharsets.UTF_8) + "'");
        }
        if (v.type() == null) {
            throw Wire.malformed("variable '" + new String(name, StandardCharsets.UTF_8)
                    + "' is used in its own definition");
        }
        int index = v.index();
        return new Expr(v.type(), env -> {
            Value value = env.vars[index];
            if (value == null) {
                throw Unknown.INSTANCE;
            }
            return value;
        });
    }

    /** {@code let}: name/definition pairs then a scope expression ({@code build_let}). */
    private Expr let(int args) {
        if (args < 3) {
            throw Wire.malformed("let needs at least 3 arguments, got " + args);
        }
        if (args % 2 == 0) {
            throw Wire.malformed("let needs a scope expression (an odd number of arguments)");
        }
        int n = args / 2;
        List<Variable> scope = new ArrayList<>(n);
        scopes.push(scope);
        int first = varIndex;
        Expr[] definitions = new Expr[n];
        for (int i = 0; i < n; i++) {
            byte[] name = in.raw();
            checkVariableName(name);
            if (find(name) != null) {
                throw Wire.malformed("variable '" + new String(name, StandardCharsets.UTF_8) + "' is defined twice");
            }
            Variable pending = new Variable(name, varIndex++, null);
            scope.add(pending);
            definitions[i] = next();
            scope.set(i, new Variable(name, pending.index(), definitions[i].type()));
        }
        Expr body = next();
        maxVarIndex = Math.max(maxVarIndex, varIndex);
        scopes.pop();
        varIndex -= n;
        return new Expr(body.type(), body.unknownOp(), env -> {
            for (int i = 0; i < n; i++) {
                try {
                    env.vars[first + i] = definitions[i].evaluate(env);
                } catch (Unknown u) {
                    env.vars[first + i] = null;
                }
            }
            return body.evaluate(env);
        });
    }

    private static void checkVariableName(byte[] name) {
        if (name.length == 0) {
            throw Wire.malformed("a variable name is empty");
        }
        if (name[0] != '_' && !isAsciiAlpha(name[0])) {
            throw Wire.malformed("variable name '" + new String(name, StandardCharsets.UTF_8)
                    + "' must begin with a letter or underscore");
        }
        for (int i = 1; i < name.length; i++) {
            if (name[i] != '_' && !isAsciiAlpha(name[i]) && !(name[i] >= '0' && name[i] <= '9')) {
                throw Wire.malformed("variable name '" + new String(name, StandardCharsets.UTF_8)
                        + "' may hold only letters, digits and underscores");
            }
        }
    }

    private static boolean isAsciiAlpha(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
    }

    private Variable find(byte[] name) {
        for (List<Variable> scope : scopes) {
            for (Variable v : scope) {
                if (Arrays.equals(v.name(), name)) {
                    return v;
                }
            }
        }
        return null;
    }

    /** A bin name ({@code as_bin_name_check}): under 16 bytes, no NUL. */
    private String binName() {
        byte[] name = in.raw();
        if (name.length >= BIN_NAME_MAX_SZ) {
            throw Wire.malformed("bin name of " + name.length + " bytes is over Aerospike's 15");
        }
        for (byte b : name) {
            if (b == 0) {
                throw Wire.malformed("bin name holds a NUL byte");
            }
        }
        return new String(name, StandardCharsets.UTF_8);
    }

    /** The static parameter count check of {@code build_args_setup}. */
    private static void arity(String name, int args, int expected) {
        if (args != expected) {
            throw Wire.malformed(name + " takes " + expected + " arguments, got " + args);
        }
    }

    private static Expr expect(Expr e, ResultType type, String what) {
        if (e.type() != type) {
            throw typeError(what, e.type());
        }
        return e;
    }

    static AerologException typeError(String what, ResultType got) {
        return Wire.malformed(what + " does not take an argument of type " + got);
    }

    static AerologException unsupported(String what) {
        return new AerologException(ResultCode.UNSUPPORTED_FEATURE, "expression " + what + " is not served");
    }

    Wire wire() {
        return in;
    }

    Expr compileNext() {
        return next();
    }
}
