package io.aerolog.core.udf;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * One UDF call as its library functions see it: its budget and hook, the metatables of its lists, maps,
 * bytes, GeoJSON and records (each call has its own, so no call can change another's), its clock (the
 * command's time), its random numbers (seeded from the command), the addresses it has shown, and which of
 * its numbers are doubles read from bins. The session of the call running on a thread is
 * {@link #current()}; library functions are shared by every call and keep no state of their own.
 */
final class Session {
    private static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();

    final Budget budget;
    final Hook hook;
    final long nowMillis;
    final LuaText.Addresses addresses = new LuaText.Addresses();
    final LuaTable listMeta;
    final LuaTable mapMeta;
    final LuaTable bytesMeta;
    final LuaTable geoMeta;
    final LuaTable recordMeta;
    final LuaTable aerospikeMeta;
    final LuaTable streamMeta;
    private final SeededRandom random;
    private final long seed;
    /** The call's own {@code string} table, where strings find their methods. */
    LuaTable stringLib;
    private final Set<LuaValue> floats = Collections.newSetFromMap(new IdentityHashMap<>());

    Session(Budget budget, long nowMillis, long seed) {
        this.budget = budget;
        this.hook = new Hook(budget);
        this.nowMillis = nowMillis;
        this.random = new SeededRandom(seed);
        this.seed = seed;
        this.listMeta = UdfList.metatable();
        this.mapMeta = UdfMap.metatable();
        this.bytesMeta = UdfBytes.metatable();
        this.geoMeta = UdfGeoJson.metatable();
        this.recordMeta = UdfRecord.metatable();
        this.aerospikeMeta = AerospikeLib.metatable();
        this.streamMeta = StreamLib.metatable();
    }

    /** A session with the call limits of {@link UdfLimits}. */
    static Session of(long nowMillis, long seed) {
        return new Session(new Budget(UdfLimits.MAX_INSTRUCTIONS, UdfLimits.MAX_ALLOCATED_BYTES), nowMillis, seed);
    }

    /** The session of the call running on this thread. */
    static Session current() {
        Session s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("no UDF call runs on this thread");
        }
        return s;
    }

    /** The session of the call running on this thread, or null outside one. */
    static Session currentOrNull() {
        return CURRENT.get();
    }

    /** Makes this the thread's session until {@link #close()} (sessions do not nest). */
    Session enter() {
        CURRENT.set(this);
        return this;
    }

    void leave() {
        CURRENT.remove();
    }

    SeededRandom random() {
        return random;
    }

    /** The seed the call's random numbers started from (derived from its command). */
    long seed() {
        return seed;
    }

    /** Reseeds the call's random numbers ({@code math.randomseed}). */
    void reseed(long seed) {
        random.setSeed(seed);
    }

    /** Marks {@code d} as a double read from a bin or argument, which goes back as a double however integral. */
    LuaValue markFloat(LuaValue d) {
        if (d instanceof LuaDouble) {
            floats.add(d);
        }
        return d;
    }

    boolean isFloat(LuaValue d) {
        return floats.contains(d);
    }
}
