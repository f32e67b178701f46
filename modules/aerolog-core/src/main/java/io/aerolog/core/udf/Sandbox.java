package io.aerolog.core.udf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The globals of one UDF call: fresh for every call, so that nothing one call leaves in them (a global it
 * set, a library function it replaced) reaches another, and a call's outcome depends on its command alone.
 *
 * <p>What a UDF gets: Lua's base functions; {@code string}, {@code table} and {@code math} (with
 * {@code math.random} seeded from the command, and Lua 5.4's {@code math.type}, {@code tointeger} and
 * {@code ult}); a replayable {@code os} ({@link OsLib}); Aerospike's {@code list}, {@code map}, {@code bytes},
 * {@code geojson}, {@code record}, {@code aerospike} and {@code stream}, and the helpers of its system Lua
 * ({@code trace/debug/info/warn}, {@code List}, {@code Map}, {@code Bytes}, {@code list.clone/merge},
 * {@code map.merge/diff/clone}, {@code math.sum/product}; {@code StreamOps} for stream calls). What it does not get, each raising an error that says so when used: {@code io},
 * {@code debug}'s library (Aerospike's {@code debug} is a log function), {@code coroutine}, {@code package},
 * {@code require} of other modules, {@code dofile}, {@code loadfile}, binary chunks, {@code string.dump},
 * {@code luajava}. {@code tostring}, {@code print}, {@code error}, {@code pairs}, {@code next},
 * {@code ipairs}, {@code getmetatable}, {@code load}, {@code collectgarbage}, {@code string.format},
 * {@code find}, {@code match}, {@code gmatch}, {@code gsub}, {@code rep} and {@code table.concat} and
 * {@code unpack} are Aerolog's own (see each), so that they count against the call's budget and answer the
 * same on every replay.
 */
final class Sandbox {
    private static final LuaTable STRING;
    private static final LuaTable TABLE;
    private static final LuaTable MATH;
    private static final Prototype STREAM;
    private static final Pattern LUAJ_POSITION = Pattern.compile("^@?(.*?):(\\d+|\\?) (.*)$", Pattern.DOTALL);
    private static final String[] STANDARD = {"string", "table", "math", "os", "list", "map", "bytes"};

    static {
        Globals scratch = new Globals();
        LuaTable pkg = new LuaTable();
        pkg.set("loaded", new LuaTable());
        scratch.set("package", pkg);
        scratch.load(new StringLib());
        scratch.load(new TableLib());
        scratch.load(new JseMathLib());
        STRING = (LuaTable) scratch.get("string");
        TABLE = (LuaTable) scratch.get("table");
        MATH = (LuaTable) scratch.get("math");
        for (String name : new String[] {"byte", "char", "lower", "upper", "reverse", "sub"}) {
            STRING.set(name, new Charged(STRING.get(name)));
        }
        STRING.set("dump", refused("string.dump", "binary chunks are not loaded"));
        STRING.set("format", new StringFunction("format"));
        STRING.set("find", new StringFunction("find"));
        STRING.set("match", new StringFunction("match"));
        STRING.set("gmatch", new StringFunction("gmatch"));
        STRING.set("gsub", new StringFunction("gsub"));
        STRING.set("rep", new StringFunction("rep"));
        TABLE.set("concat", new TableFunction("concat"));
        TABLE.set("unpack", new TableFunction("unpack"));
        MATH.set("random", new MathFunction("random"));
        MATH.set("randomseed", new MathFunction("randomseed"));
        MATH.set("type", new MathFunction("type"));
        MATH.set("tointeger", new MathFunction("tointeger"));
        MATH.set("ult", new MathFunction("ult"));
        // strings' methods come from the running call's own string table, so a UDF that adds a function to
        // its string table can call it as a method, and no call can change another's
        LuaTable stringMeta = new LuaTable();
        stringMeta.set(LuaValue.INDEX, new StringIndex());
        LuaString.s_metatable = stringMeta;
        MATH.set("sum", new MathFunction("sum"));
        MATH.set("product", new MathFunction("product"));
        try (var in = Sandbox.class.getResourceAsStream("stream.lua")) {
            if (in == null) {
                throw new IllegalStateException("stream.lua is missing from the jar");
            }
            STREAM = LuaC.instance.compile(in, "@stream_ops.lua");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Sandbox() {
    }

    /** The globals of a stream call of {@code session}: a record call's, and the stream operations. */
    static Globals streamGlobals(Session session) {
        Globals g = globals(session);
        new LuaClosure(STREAM, g).call();
        return g;
    }

    /** The globals of a call of {@code session}. */
    static Globals globals(Session session) {
        Globals g = new Globals();
        g.load(new JseBaseLib());
        g.debuglib = session.hook;
        g.running.errorfunc = REFORMAT;
        for (String name : new String[] {"dofile", "loadfile", "require"}) {
            g.set(name, refused(name, "a UDF module runs on its own; Aerolog does not load other modules or files"));
        }
        g.set("unpack", NIL_VALUE);
        g.set("_VERSION", LuaValue.valueOf("Lua 5.2"));
        for (String name : new String[] {"error", "tostring", "print", "pairs", "next", "ipairs", "getmetatable", "load",
                "collectgarbage"}) {
            g.set(name, new BaseFunction(name, g));
        }
        g.set("require", new BaseFunction("require", g));
        LuaTable string = copy(STRING);
        session.stringLib = string;
        g.set("string", string);
        g.set("table", copy(TABLE));
        g.set("math", copy(MATH));
        g.set("os", OsLib.library());
        g.set("list", UdfList.library());
        g.set("map", UdfMap.library());
        g.set("bytes", UdfBytes.library());
        g.set("geojson", UdfGeoJson.library());
        g.set("record", UdfRecord.library());
        g.set("stream", StreamLib.library());
        g.set("aerospike", new AerospikeLib.Aerospike());
        g.set("io", refusedLibrary("io", "a UDF has no files"));
        g.set("coroutine", refusedLibrary("coroutine", "coroutines are not served in UDFs"));
        g.set("package", refusedLibrary("package", "a UDF module runs on its own"));
        g.set("luajava", refusedLibrary("luajava", "a UDF does not reach Java"));
        g.set("Map", session.mapMeta);
        g.set("List", session.listMeta);
        g.set("Bytes", session.bytesMeta);
        for (int level = 1; level <= 4; level++) {
            g.set(LOG_NAMES[level - 1], LOGS[level - 1]);
        }
        return g;
    }

    private static final LuaValue NIL_VALUE = LuaValue.NIL;
    private static final String[] LOG_NAMES = {"warn", "info", "debug", "trace"};
    private static final LuaValue[] LOGS = {new Log(1), new Log(2), new Log(3), new Log(4)};

    /** Aerospike's log shortcuts: {@code warn/info/debug/trace(format, ...)}, {@code aerospike:log} at their level. */
    private static final class Log extends VarArgFunction {
        private final int level;

        Log(int level) {
            this.level = level;
        }

        @Override
        public Varargs invoke(Varargs args) {
            AerospikeLib.log(Session.current(), level, LuaFormat.format(args));
            return NONE;
        }
    }

    private static LuaTable copy(LuaTable template) {
        LuaTable t = new LuaTable();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = template.next(k);
            k = n.arg1();
            if (k.isnil()) {
                return t;
            }
            t.set(k, n.arg(2));
        }
    }

    /** A function a UDF may not call: raises an error naming it and why. */
    static LuaValue refused(String name, String why) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                throw new LuaError(LuaValue.valueOf(Session.current().hook.position(0) + name
                        + " is not served in UDFs: " + why));
            }
        };
    }

    /** A library a UDF may not use: any use of it raises an error naming it. */
    private static LuaTable refusedLibrary(String name, String why) {
        LuaTable lib = new LuaTable();
        LuaTable meta = new LuaTable();
        meta.set(LuaValue.INDEX, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                throw new LuaError(LuaValue.valueOf(Session.current().hook.position(0) + name + "."
                        + args.arg(2).tojstring() + " is not served in UDFs: " + why));
            }
        });
        lib.setmetatable(meta);
        return lib;
    }

    /** LuaJ writes an error's position as {@code "file:line message"}; Lua writes {@code "file:line: message"}. */
    private static final LuaValue REFORMAT = new OneArgFunction() {
        @Override
        public LuaValue call(LuaValue message) {
            Matcher m = LUAJ_POSITION.matcher(message.tojstring());
            return m.matches() ? LuaValue.valueOf(m.group(1) + ":" + m.group(2) + ": " + m.group(3)) : message;
        }
    };

    /** A LuaJ string function whose string results count against the budget. */
    private static final class Charged extends VarArgFunction {
        private final LuaValue f;

        Charged(LuaValue f) {
            this.f = f;
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs r = f.invoke(args);
            Budget budget = Session.current().budget;
            for (int i = 1; i <= r.narg(); i++) {
                LuaValue v = r.arg(i);
                budget.charge(v instanceof LuaString s ? s.rawlen() : 8);
            }
            return r;
        }
    }

    private static final class StringIndex extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            Session s = Session.currentOrNull();
            LuaTable lib = s == null || s.stringLib == null ? STRING : s.stringLib;
            return lib.get(args.arg(2));
        }
    }

    private static final class StringFunction extends VarArgFunction {
        StringFunction(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return switch (name) {
                case "format" -> LuaFormat.format(args);
                case "find" -> LuaPattern.find(args, true);
                case "match" -> LuaPattern.find(args, false);
                case "gmatch" -> LuaPattern.gmatch(args);
                case "gsub" -> LuaPattern.gsub(args);
                case "rep" -> rep(args);
                default -> throw new IllegalStateException(name);
            };
        }

        private static LuaValue rep(Varargs args) {
            LuaString s = Args.string(args.arg(1), 1, "rep");
            long n = Args.integer(args.arg(2), 2, "rep");
            LuaString sep = Args.optString(args, 3, "rep");
            if (n <= 0) {
                return LuaValue.EMPTYSTRING;
            }
            long total = n * s.rawlen() + (sep == null ? 0 : (n - 1) * sep.rawlen());
            Session.current().budget.charge(total);
            if (total > Integer.MAX_VALUE - 8) {
                throw UdfAbort.memory();
            }
            byte[] out = new byte[(int) total];
            byte[] a = Values.bytes(s);
            byte[] b = sep == null ? new byte[0] : Values.bytes(sep);
            int at = 0;
            for (long i = 0; i < n; i++) {
                if (i > 0) {
                    System.arraycopy(b, 0, out, at, b.length);
                    at += b.length;
                }
                System.arraycopy(a, 0, out, at, a.length);
                at += a.length;
            }
            return LuaString.valueOf(out);
        }
    }

    private static final class TableFunction extends VarArgFunction {
        /** Lua's bound on the values one call may return (its stack, LUAI_MAXSTACK). */
        private static final long MAX_UNPACK = 1_000_000;

        TableFunction(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue t = args.arg(1);
            if (!t.istable()) {
                throw Args.bad(1, name, "table expected, got " + Args.typeName(t));
            }
            Budget budget = Session.current().budget;
            if (name.equals("unpack")) {
                long i = Args.optInteger(args, 2, 1, name);
                long j = args.arg(3).isnil() ? t.length() : Args.integer(args.arg(3), 3, name);
                if (i > j) {
                    return NONE;
                }
                if (j - i >= MAX_UNPACK) {
                    throw new LuaError(LuaValue.valueOf(Session.current().hook.position(0) + "too many results to unpack"));
                }
                budget.charge((j - i + 1) * 8);
                LuaValue[] out = new LuaValue[(int) (j - i + 1)];
                for (long k = i; k <= j; k++) {
                    out[(int) (k - i)] = t.get(LuaValue.valueOf(k));
                }
                return varargsOf(out);
            }
            LuaString sep = Args.optString(args, 2, name);
            long i = Args.optInteger(args, 3, 1, name);
            long j = args.arg(4).isnil() ? t.length() : Args.integer(args.arg(4), 4, name);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (long k = i; k <= j; k++) {
                LuaValue v = t.get(LuaValue.valueOf(k));
                if (!(v.isstring())) {
                    throw new LuaError(LuaValue.valueOf(Session.current().hook.position(0) + "invalid value (at index "
                            + k + ") in table for 'concat'"));
                }
                LuaString s = (LuaString) LuaText.tostring(v, Session.current().addresses);
                budget.charge(s.rawlen() + (sep == null || k == i ? 0 : sep.rawlen()));
                if (sep != null && k > i) {
                    out.write(Values.bytes(sep), 0, sep.rawlen());
                }
                out.write(Values.bytes(s), 0, s.rawlen());
            }
            return LuaString.valueOf(out.toByteArray());
        }
    }

    private static final class MathFunction extends VarArgFunction {
        MathFunction(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            Session s = Session.current();
            switch (name) {
                case "random": {
                    SeededRandom r = s.random();
                    if (args.narg() == 0) {
                        return valueOf(r.nextDouble());
                    }
                    long low = 1;
                    long high;
                    if (args.narg() == 1) {
                        high = Args.integer(args.arg(1), 1, name);
                        if (high == 0) {
                            return Values.integer(r.nextLong() >> 11, "math.random(0)");
                        }
                    } else {
                        low = Args.integer(args.arg(1), 1, name);
                        high = Args.integer(args.arg(2), 2, name);
                    }
                    if (low > high) {
                        throw Args.bad(args.narg() == 1 ? 1 : 2, name, "interval is empty");
                    }
                    return Values.integer(low + bounded(r, high - low + 1), "math.random");
                }
                case "randomseed":
                    s.reseed(args.narg() == 0 ? s.seed() : (long) args.checkdouble(1) * 31 + (long) args.optdouble(2, 0));
                    return NONE;
                case "type": {
                    LuaValue v = args.arg(1);
                    if (v == NONE) {
                        throw Args.bad(1, name, "value expected");
                    }
                    if (!v.isnumber() || v.isstring() && !(v instanceof org.luaj.vm2.LuaNumber)) {
                        return NIL;
                    }
                    return valueOf(Values.toValue(v, 0) instanceof io.aerolog.core.Value.IntegerValue ? "integer" : "float");
                }
                case "tointeger": {
                    LuaValue v = args.arg(1);
                    if (!(v instanceof org.luaj.vm2.LuaNumber)) {
                        return NIL;
                    }
                    double d = v.todouble();
                    return d == Math.rint(d) && Math.abs(d) <= Values.EXACT ? valueOf((long) d) : NIL;
                }
                case "sum":
                    return args.arg(1).add(args.arg(2));
                case "product":
                    return args.arg(1).mul(args.arg(2));
                case "ult":
                    return valueOf(Long.compareUnsigned(Args.integer(args.arg(1), 1, name),
                            Args.integer(args.arg(2), 2, name)) < 0);
                default:
                    throw new IllegalStateException(name);
            }
        }

        /** A draw in [0, bound) from {@code r}'s sequence (rejecting the biased top), the same on every JVM. */
        private static long bounded(SeededRandom r, long bound) {
            long bits;
            long value;
            do {
                bits = r.nextLong() >>> 1;
                value = bits % bound;
            } while (bits - value + (bound - 1) < 0);
            return value;
        }
    }

    /** The base functions Aerolog writes itself, bound to the call's globals. */
    private static final class BaseFunction extends VarArgFunction {
        private final Globals globals;

        BaseFunction(String name, Globals globals) {
            this.name = name;
            this.globals = globals;
        }

        @Override
        public Varargs invoke(Varargs args) {
            Session s = Session.current();
            switch (name) {
                case "error": {
                    LuaValue message = args.arg(1);
                    long level = Args.optInteger(args, 2, 1, name);
                    if (message.isstring() && !message.isnumber() && level > 0) {
                        message = LuaValue.valueOf(s.hook.position((int) Math.min(level - 1, Integer.MAX_VALUE))
                                + message.tojstring());
                    }
                    throw new LuaError(message);
                }
                case "tostring":
                    if (args.narg() == 0) {
                        throw Args.bad(1, name, "value expected");
                    }
                    return LuaText.tostring(args.arg(1), s.addresses);
                case "print": {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= args.narg(); i++) {
                        if (i > 1) {
                            line.append('\t');
                        }
                        line.append(LuaText.tostring(args.arg(i), s.addresses).tojstring());
                    }
                    AerospikeLib.log(s, 3, LuaValue.valueOf(line.toString()));
                    return NONE;
                }
                case "pairs": {
                    LuaValue t = args.arg(1);
                    LuaValue meta = t.getmetatable();
                    if (meta != null && !meta.rawget("__pairs").isnil()) {
                        return meta.rawget("__pairs").invoke(t);
                    }
                    if (!t.istable()) {
                        throw Args.bad(1, name, "table expected, got " + Args.typeName(t));
                    }
                    return varargsOf(globals.get("next"), t, NIL);
                }
                case "next":
                    return next(args);
                case "ipairs":
                    if (args.narg() == 0) {
                        throw Args.bad(1, name, "table expected, got no value");
                    }
                    return varargsOf(IPAIRS_STEP, args.arg(1), valueOf(0));
                case "getmetatable": {
                    LuaValue v = args.arg(1);
                    if (v.isstring() && !v.isnumber()) {
                        LuaTable proxy = new LuaTable();
                        proxy.set(INDEX, s.stringLib);
                        return proxy;
                    }
                    LuaValue meta = v.getmetatable();
                    if (meta == null) {
                        return NIL;
                    }
                    LuaValue protectedMeta = meta.rawget("__metatable");
                    return protectedMeta.isnil() ? meta : protectedMeta;
                }
                case "load":
                    return load(args, s);
                case "collectgarbage":
                    return valueOf(0);
                case "require": {
                    String module = Args.string(args.arg(1), 1, name).tojstring();
                    for (String standard : STANDARD) {
                        if (standard.equals(module)) {
                            return globals.get(module);
                        }
                    }
                    throw new LuaError(LuaValue.valueOf(s.hook.position(0) + "module '" + module + "' not found:"
                            + " Aerolog runs each UDF module on its own and does not load others"));
                }
                default:
                    throw new IllegalStateException(name);
            }
        }

        /** {@code next}, refusing keys whose order in a table differs from run to run (LuaJ hashes them by identity). */
        private static Varargs next(Varargs args) {
            LuaValue t = args.arg(1);
            if (!t.istable()) {
                throw Args.bad(1, "next", "table expected, got " + Args.typeName(t));
            }
            Varargs n = ((LuaTable) t).next(args.arg(2));
            LuaValue k = n.arg1();
            if (k.isboolean() || k.istable() || k.isfunction() || k.isthread()
                    || (k.isuserdata() && !(k instanceof UdfObject))) {
                throw UdfAbort.of(Session.current().hook.position(0) + "pairs/next over a table with a "
                        + k.typename() + " as a key: its order would differ on replay, so Aerolog refuses it"
                        + " (key such tables by strings or numbers to iterate them)");
            }
            return n;
        }

        /** {@code load(text [, chunkname [, mode]])}: text chunks only, run with the call's globals. */
        private Varargs load(Varargs args, Session s) {
            LuaValue chunk = args.arg(1);
            if (!chunk.isstring()) {
                throw Args.bad(1, name, "string expected, got " + Args.typeName(chunk)
                        + " (Aerolog loads text chunks only)");
            }
            if (!args.arg(4).isnil()) {
                throw new LuaError(LuaValue.valueOf(s.hook.position(0) + "load with an environment is not served in"
                        + " UDFs: load(text) runs with the UDF's own globals"));
            }
            String mode = args.arg(3).isnil() ? "bt" : args.arg(3).tojstring();
            byte[] text = Values.bytes((LuaString) chunk.checkstring());
            if (text.length > 0 && text[0] == 0x1B) {
                return varargsOf(NIL, valueOf("attempt to load a binary chunk (Aerolog loads text chunks only)"));
            }
            if (mode.indexOf('t') < 0) {
                return varargsOf(NIL, valueOf("attempt to load a text chunk (mode is '" + mode + "')"));
            }
            s.budget.charge(text.length * 4L);
            String chunkname = args.arg(2).isnil() ? "=[string]" : args.arg(2).tojstring();
            try {
                Prototype p = LuaC.instance.compile(new ByteArrayInputStream(text), chunkname);
                return new LuaClosure(p, globals);
            } catch (LuaError | IOException e) {
                return varargsOf(NIL, valueOf(e.getMessage()));
            }
        }
    }

    private static final LuaValue IPAIRS_STEP = new VarArgFunction() {
        @Override
        public Varargs invoke(Varargs args) {
            int i = args.arg(2).toint() + 1;
            LuaValue v = args.arg(1).get(i);
            return v.isnil() ? NONE : varargsOf(valueOf(i), v);
        }
    };
}
