package io.aerolog.core.udf;

import io.aerolog.core.Value;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;

/**
 * A value of Aerospike's Lua API held by a UDF: a list, map, bytes, GeoJSON or record. Each has an id in
 * the order its call created it, which is its hash in Lua tables (LuaJ would use the identity hash, which
 * differs from run to run and would order {@code pairs} differently on replay); two objects are the same
 * only when they are one object, as Aerospike's boxes are.
 */
abstract class UdfObject extends LuaUserdata {
    private final int id;

    UdfObject(LuaTable metatable) {
        this(Session.current().budget.nextId(), metatable);
    }

    private UdfObject(int id, LuaTable metatable) {
        super(Integer.valueOf(id), metatable);
        this.id = id;
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    /** What {@code tostring} gives, as Aerospike's {@code as_val_tostring}. */
    abstract LuaString text();

    /** This value as a bin value; null for what a bin cannot hold (a record). */
    abstract Value toValue(int depth);
}
