package io.aerolog.core.udf;

import org.luaj.vm2.LuaBoolean;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNil;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * Values as Aerospike's {@code as_val_tostring} writes them inside lists and maps: strings quoted, integers
 * in decimal, doubles with {@code %.16g}, nil as {@code NIL}, bytes in hex, lists in brackets, maps in braces.
 */
final class AsText {
    private AsText() {
    }

    static void append(StringBuilder out, LuaValue v) {
        if (v instanceof LuaString s) {
            out.append('"').append(s.tojstring()).append('"');
        } else if (v instanceof LuaInteger i) {
            out.append(i.v);
        } else if (v instanceof LuaDouble d) {
            io.aerolog.core.Value n = Values.number(d);
            out.append(n instanceof io.aerolog.core.Value.IntegerValue iv ? Long.toString(iv.value())
                    : LuaText.g(d.todouble(), 16, false, false));
        } else if (v instanceof LuaBoolean b) {
            out.append(b.toboolean());
        } else if (v instanceof LuaNil) {
            out.append("NIL");
        } else if (v instanceof UdfObject o) {
            out.append(o.text().tojstring());
        } else {
            out.append("<NULL>");
        }
        Session s = Session.currentOrNull();
        if (s != null) {
            s.budget.charge(out.length());
        }
    }
}
