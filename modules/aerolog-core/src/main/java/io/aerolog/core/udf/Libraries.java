package io.aerolog.core.udf;

import java.util.function.Function;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Library functions are stateless (each finds its call through {@link Session#current()}), so one instance of
 * each serves every call; what each call gets afresh is the table holding them, which a UDF may change.
 */
final class Libraries {
    private Libraries() {
    }

    /** Named functions, made once. */
    record Functions(String[] names, LuaValue[] functions) {
        /** A new table of them, for one call. */
        LuaTable table() {
            LuaTable t = new LuaTable(0, names.length);
            for (int i = 0; i < names.length; i++) {
                t.set(names[i], functions[i]);
            }
            return t;
        }
    }

    static Functions functions(Function<String, LuaValue> make, String... names) {
        LuaValue[] functions = new LuaValue[names.length];
        for (int i = 0; i < names.length; i++) {
            functions[i] = make.apply(names[i]);
        }
        return new Functions(names.clone(), functions);
    }
}
