package io.aerolog.core.udf;

import io.aerolog.core.Value;
import java.util.Iterator;
import java.util.function.Function;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Aerospike's Lua streams ({@code mod_lua_stream.c}): the input a stream UDF's stages read
 * ({@code stream.read}, nil at its end) and the output they write ({@code stream.write}, 0 for "go on").
 */
final class StreamLib {
    private StreamLib() {
    }

    /** A stream: reads from {@code input} (each element made a Lua value as it is read), or writes to {@code output}. */
    static final class Stream extends UdfObject {
        private final Iterator<?> input;
        private final Function<Object, LuaValue> toLua;
        private final java.util.function.Consumer<Value> output;

        Stream(Iterator<?> input, Function<Object, LuaValue> toLua, java.util.function.Consumer<Value> output) {
            super(Session.current().streamMeta);
            this.input = input;
            this.toLua = toLua;
            this.output = output;
        }

        LuaValue read() {
            if (input == null || !input.hasNext()) {
                return NIL;
            }
            return toLua.apply(input.next());
        }

        int write(LuaValue v) {
            if (output == null) {
                return 1;
            }
            if (v.isnil()) {
                return 0;
            }
            Value value = Values.toValue(v, 0);
            output.accept(value == null ? Value.NIL : value);
            return 0;
        }

        @Override
        LuaString text() {
            return LuaString.valueOf("Stream<" + hashCode() + ">");
        }

        @Override
        Value toValue(int depth) {
            return null;
        }
    }

    private static final LuaValue TO_STRING = new Method("tostring");
    private static final Libraries.Functions LIB = Libraries.functions(Method::new, "read", "write", "readable",
            "writable", "tostring");

    static LuaTable metatable() {
        LuaTable meta = new LuaTable();
        meta.set(LuaValue.TOSTRING, TO_STRING);
        return meta;
    }

    static LuaTable library() {
        return LIB.table();
    }

    private static final class Method extends VarArgFunction {
        Method(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue v = args.arg(1);
            Stream s = v instanceof Stream st ? st : null;
            return switch (name) {
                case "read" -> s == null ? NIL : s.read();
                case "write" -> valueOf(s == null ? 1 : s.write(args.arg(2)));
                case "readable" -> valueOf(s != null && s.input != null);
                case "writable" -> valueOf(s != null && s.output != null);
                case "tostring" -> s == null ? valueOf("Stream()") : s.text();
                default -> throw new IllegalStateException(name);
            };
        }
    }
}
