package io.aerolog.core.udf;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code aerospike} object of a UDF ({@code mod_lua_aerospike.c} with the server's hooks,
 * {@code udf_aerospike.c}): {@code aerospike:create/update/exists/remove(rec)}, {@code aerospike:log(level,
 * message)} (1 warning, 2 info, 3 debug, 4 trace, as the server's log levels; at most
 * {@value UdfLimits#MAX_LOG_LINES} lines a call), {@code aerospike:get_current_time()} (the command's time in
 * milliseconds, not the clock: a replay gets the same), and {@code set_context} and {@code get_config}, which
 * the server does not hook either (2 and 0).
 */
final class AerospikeLib {
    private static final Logger LOG = LoggerFactory.getLogger("io.aerolog.udf");

    private AerospikeLib() {
    }

    /** The object itself: a userdata whose methods the metatable's {@code __index} holds. */
    static final class Aerospike extends UdfObject {
        Aerospike() {
            super(Session.current().aerospikeMeta);
        }

        @Override
        LuaString text() {
            return LuaString.valueOf("Aerospike()");
        }

        @Override
        io.aerolog.core.Value toValue(int depth) {
            return null;
        }
    }

    private static final Libraries.Functions METHODS = Libraries.functions(Method::new, "create", "update", "exists",
            "remove", "log", "get_current_time", "set_context", "get_config");

    static LuaTable metatable() {
        LuaTable meta = new LuaTable();
        meta.set(LuaValue.INDEX, METHODS.table());
        return meta;
    }

    private static final class Method extends VarArgFunction {
        Method(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            Args.check(args, 1, Aerospike.class, "Aerospike", name);
            Session session = Session.current();
            return switch (name) {
                case "create" -> valueOf(record(args).create());
                case "update" -> valueOf(record(args).update());
                case "exists" -> valueOf(record(args).exists());
                case "remove" -> valueOf(record(args).remove());
                case "log" -> {
                    log(session, (int) Args.optInteger(args, 2, 0, name), Args.optString(args, 3, name));
                    yield NONE;
                }
                case "get_current_time" -> Values.integer(session.nowMillis, "aerospike:get_current_time()");
                case "set_context" -> valueOf(2);
                case "get_config" -> valueOf(0);
                default -> throw new IllegalStateException(name);
            };
        }

        private UdfRecord record(Varargs args) {
            return Args.check(args, 2, UdfRecord.class, "Record", name);
        }
    }

    /** Writes a UDF's log line at the server's level {@code level}, where the UDF's logging allows. */
    static void log(Session session, int level, LuaString message) {
        if (!session.budget.mayLog()) {
            return;
        }
        String text = message == null ? "(null)" : message.tojstring();
        if (text.length() > UdfLimits.MAX_LOG_CHARS) {
            text = text.substring(0, UdfLimits.MAX_LOG_CHARS) + "...";
        }
        String where = session.hook.position(0);
        switch (level) {
            case 0, 1 -> LOG.warn("{}{}", where, text);
            case 2 -> LOG.info("{}{}", where, text);
            case 3 -> LOG.debug("{}{}", where, text);
            default -> LOG.trace("{}{}", where, text);
        }
    }
}
