package io.aerolog.core.udf;

import io.aerolog.core.Value;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** Aerospike's Lua GeoJSON value ({@code mod_lua_geojson.c}): built with {@code geojson(text)}, written as its text. */
final class UdfGeoJson extends UdfObject {
    final String json;

    UdfGeoJson(String json) {
        super(Session.current().geoMeta);
        this.json = json;
    }

    @Override
    LuaString text() {
        return LuaString.valueOf("\"" + json + "\"");
    }

    @Override
    Value toValue(int depth) {
        return Value.ofGeoJson(json);
    }

    private static final LuaValue TO_STRING = new Method("tostring");
    private static final Libraries.Functions CALLABLE = Libraries.functions(Method::new, "__call");

    static LuaTable metatable() {
        LuaTable meta = new LuaTable();
        meta.set(TOSTRING, TO_STRING);
        return meta;
    }

    static LuaTable library() {
        LuaTable lib = new LuaTable();
        lib.setmetatable(CALLABLE.table());
        return lib;
    }

    private static final class Method extends VarArgFunction {
        Method(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (name.equals("__call")) {
                LuaString s = args.narg() == 2 ? Args.optString(args, 2, "geojson") : null;
                return s == null ? NONE : new UdfGeoJson(s.tojstring());
            }
            return Args.check(args, 1, UdfGeoJson.class, "GeoJSON", name).text();
        }
    }
}
