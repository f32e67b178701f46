package io.aerolog.core.udf;

import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The record a record UDF runs on, as Aerospike's server keeps it ({@code udf_record.c}, {@code udf_aerospike.c}):
 * {@code rec['bin']} reads the record's bin (once, then from a cache), {@code rec['bin'] = v} only caches the
 * new value, and only {@code aerospike:create}, {@code aerospike:update} and {@code aerospike:remove} apply the
 * cached values to the record's bins ({@code execute_updates}). A UDF that sets bins and calls none of them
 * writes nothing. The record is "open" when it exists (or once the UDF created it); {@code record.gen},
 * {@code record.ttl} and the like read the record as it was stored, and answer 0 or nil when it is not open.
 *
 * <p>Limits as the server's: 512 bins (UDF_BIN_LIMIT) and 1,024 distinct bins cached (UDF_UPDATE_LIMIT); past
 * them, the next update fails the call with BIN_NAME_TOO_LONG (Aerospike's AS_ERR_BIN_NAME). A bin name of 16
 * bytes or more reads nil and is not written.
 */
final class UdfRecord extends UdfObject {
    static final int BIN_LIMIT = 512;
    static final int UPDATE_LIMIT = BIN_LIMIT * 2;
    /** Aerospike's bin names are shorter than 16 bytes (AS_BIN_NAME_MAX_SZ). */
    private static final int BIN_NAME_MAX_SZ = 16;
    /** Aerospike's clock counts milliseconds from 2010-01-01 (its "citrusleaf epoch"). */
    private static final long CITRUS_EPOCH_MILLIS = 1_262_304_000_000L;

    /** One cached bin: its Lua value (null: the bin is to be removed) and whether it awaits an update. */
    private static final class Cached {
        final String name;
        LuaValue value;
        boolean dirty;

        Cached(String name, LuaValue value, boolean dirty) {
            this.name = name;
            this.value = value;
            this.dirty = dirty;
        }
    }

    private final RecordUdf.Context context;
    /** The stored record as it was (null: none), whose metadata {@code record.*} reads. */
    private final Record stored;
    private boolean open;
    /** The record's bins as updates have left them ({@code rd->bins}). */
    private Map<String, Value> bins;
    private final List<Cached> cache = new ArrayList<>();
    private int inserts;
    private boolean tooManyBins;
    private boolean hasUpdates;
    private ResultCode resultCode = ResultCode.OK;
    private int oldBinCount;
    private Map<String, Value> oldBins = Map.of();
    private Value key;
    private Integer ttl;
    private boolean created;

    UdfRecord(RecordUdf.Context context) {
        super(Session.current().recordMeta);
        this.context = context;
        this.stored = context.existing();
        this.open = stored != null;
        this.bins = stored == null ? new LinkedHashMap<>() : new LinkedHashMap<>(stored.bins());
        // the stored key, or the message's when the record has none (open_existing_record)
        this.key = stored != null && stored.userKey() != null ? stored.userKey() : context.messageKey();
    }

    // ---- what the call's outcome is made of

    boolean hasUpdates() {
        return hasUpdates;
    }

    ResultCode resultCode() {
        return resultCode;
    }

    Map<String, Value> bins() {
        return bins;
    }

    int oldBinCount() {
        return oldBinCount;
    }

    /** The TTL {@code record.set_ttl} set, or null. */
    Integer ttl() {
        return ttl;
    }

    Value key() {
        return key;
    }

    boolean created() {
        return created;
    }

    boolean isOpen() {
        return open;
    }

    // ---- bins

    private static boolean validName(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length < BIN_NAME_MAX_SZ;
    }

    private Cached cached(String name) {
        for (Cached c : cache) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** {@code udf_record_cache_set}. */
    private void cacheSet(String name, LuaValue value, boolean dirty) {
        if (tooManyBins) {
            return;
        }
        boolean insert = value != null && !value.isnil();
        Cached c = cached(name);
        if (c != null) {
            if (c.value != null && !c.value.isnil()) {
                inserts--;
            }
            c.value = value;
            c.dirty = dirty;
            if (insert) {
                inserts++;
            }
            return;
        }
        if (cache.size() >= UPDATE_LIMIT || (insert && inserts >= BIN_LIMIT)) {
            tooManyBins = true;
            return;
        }
        Session.current().budget.charge(32);
        cache.add(new Cached(name, value, dirty));
        if (insert) {
            inserts++;
        }
    }

    /** {@code rec[name]}: the cached value, else the bin (read once and cached), else nil. */
    LuaValue getBin(String name) {
        if (!validName(name)) {
            return NIL;
        }
        Cached c = cached(name);
        if (c != null && c.value != null) {
            return c.value;
        }
        if (!open) {
            return NIL;
        }
        Value v = bins.get(name);
        if (v == null) {
            return NIL;
        }
        LuaValue lua = Values.toLua(v, "bin '" + name + "'");
        cacheSet(name, lua, false);
        return lua;
    }

    /** {@code rec[name] = v}: cached until the next update; a table or function is refused at once. */
    void setBin(String name, LuaValue value) {
        if (!(value.isnil() || value.isboolean() || value.isnumber() || value.isstring() || value instanceof UdfObject)) {
            throw new LuaError(LuaValue.valueOf(Session.current().hook.position(0) + "can't set bin " + name
                    + " to unsupported type"));
        }
        if (validName(name) && !context.readOnly()) {
            cacheSet(name, value, true);
        }
    }

    @Override
    public LuaValue get(LuaValue k) {
        return getBin(binName(k, "__index"));
    }

    @Override
    public void set(LuaValue k, LuaValue v) {
        setBin(binName(k, "__newindex"), v);
    }

    private static String binName(LuaValue k, String function) {
        return Args.string(k, 2, function).tojstring();
    }

    // ---- aerospike:create / update / remove / exists

    /** {@code aerospike:create(rec)}: 0 once created, 1 when the record exists with bins. */
    int create() {
        if (context.readOnly()) {
            return 1;
        }
        if (open) {
            if (!bins.isEmpty()) {
                return 1;
            }
            return executeUpdates();
        }
        open = true;
        created = true;
        key = context.messageKey();
        bins = new LinkedHashMap<>();
        int rv = executeUpdates();
        if (rv != 0) {
            open = false;
            created = false;
        }
        return rv;
    }

    /** {@code aerospike:update(rec)}: 0 once applied, -2 when the record is not open. */
    int update() {
        if (context.readOnly()) {
            return 1;
        }
        return open ? executeUpdates() : -2;
    }

    /** {@code aerospike:remove(rec)}: every bin to be removed, applied; 1 when the record is not open. */
    int remove() {
        if (!open || context.readOnly()) {
            return 1;
        }
        cache.clear();
        inserts = 0;
        tooManyBins = false;
        for (String name : new ArrayList<>(bins.keySet())) {
            cacheSet(name, null, true);
        }
        return executeUpdates();
    }

    boolean exists() {
        return open;
    }

    /** {@code execute_updates}: applies the dirty cached bins to the record's bins, or fails the call. */
    private int executeUpdates() {
        if (!hasUpdates) {
            oldBinCount = bins.size();
            oldBins = new LinkedHashMap<>(bins);
        }
        if (tooManyBins) {
            return executeFailed(ResultCode.BIN_NAME_TOO_LONG);
        }
        boolean dirty = false;
        for (int i = 0; i < cache.size(); i++) {
            Cached c = cache.get(i);
            if (!c.dirty) {
                continue;
            }
            if (c.value == null || c.value.isnil()) {
                bins.remove(c.name);
                // udf_record_cache_reclaim: the last entry takes this one's place, and is looked at next
                Cached last = cache.remove(cache.size() - 1);
                if (i < cache.size()) {
                    cache.set(i, last);
                }
                i--;
            } else {
                Value v = Values.toValue(c.value, 0);
                if (v == null || v instanceof Value.NilValue) {
                    return executeFailed(ResultCode.BIN_TYPE_ERROR);
                }
                if (bins.size() >= BIN_LIMIT && !bins.containsKey(c.name)) {
                    return executeFailed(ResultCode.BIN_NAME_TOO_LONG);
                }
                bins.put(c.name, v);
            }
            dirty = true;
        }
        resultCode = ResultCode.OK;
        hasUpdates = true;
        if (dirty) {
            for (Cached c : cache) {
                c.dirty = false;
            }
        }
        return 0;
    }

    /** {@code execute_failed}: the call will answer {@code code}; the bins go back to what they were. */
    private int executeFailed(ResultCode code) {
        resultCode = code;
        hasUpdates = false;
        bins = new LinkedHashMap<>(oldBins);
        cache.clear();
        inserts = 0;
        tooManyBins = false;
        return -1;
    }

    // ---- record.* (the stored record's metadata)

    private long ttlSeconds() {
        if (!open || stored == null || created || stored.voidTimeMillis() == 0) {
            return 0;
        }
        long now = context.nowMillis() / 1000;
        long voidTime = stored.voidTimeMillis() / 1000;
        return voidTime > now ? voidTime - now : 0;
    }

    private long lastUpdateTime() {
        return !open || stored == null || created ? 0 : Math.max(0, stored.lastUpdateMillis() - CITRUS_EPOCH_MILLIS);
    }

    private int generation() {
        return !open || stored == null || created ? 0 : stored.generation();
    }

    private long storedSize() {
        return !open || stored == null || created ? 0 : stored.estimatedSize();
    }

    private LuaValue setName() {
        if (!open) {
            return NIL;
        }
        String set = created || stored == null ? context.set() : stored.set();
        return set == null || set.isEmpty() ? NIL : LuaValue.valueOf(set);
    }

    @Override
    LuaString text() {
        return LuaString.valueOf("Record()");
    }

    @Override
    Value toValue(int depth) {
        return null;
    }

    // ---- the Record metatable and the record library

    private static final Libraries.Functions META = Libraries.functions(Method::new, "__index", "__newindex");
    private static final Libraries.Functions LIB = Libraries.functions(Method::new, "ttl", "last_update_time", "gen",
            "size", "memory_size", "device_size", "key", "setname", "digest", "numbins", "set_ttl", "drop_key",
            "bin_names");

    static LuaTable metatable() {
        return META.table();
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
            UdfRecord r = Args.check(args, 1, UdfRecord.class, "Record", name);
            return switch (name) {
                case "__index" -> r.get(args.arg(2));
                case "__newindex" -> {
                    r.set(args.arg(2), args.arg(3));
                    yield NONE;
                }
                case "ttl" -> valueOf(r.ttlSeconds());
                case "last_update_time" -> Values.integer(r.lastUpdateTime(), "record.last_update_time");
                case "gen" -> valueOf(r.generation());
                case "size" -> valueOf(r.storedSize());
                case "memory_size" -> valueOf(r.context.memoryStorage() ? r.storedSize() : 0);
                case "device_size" -> valueOf(r.context.memoryStorage() ? 0 : r.storedSize());
                case "key" -> r.open && r.key != null ? Values.toLua(r.key, "the record's key") : NIL;
                case "setname" -> r.setName();
                case "digest" -> new UdfBytes(r.context.digest().clone(), UdfBytes.BLOB);
                case "numbins" -> valueOf(r.open ? r.bins.size() : 0);
                case "bin_names" -> {
                    if (!r.open) {
                        throw new LuaError(LuaValue.valueOf(Session.current().hook.position(0) + "can't get bin names"));
                    }
                    LuaTable t = new LuaTable();
                    int i = 1;
                    for (String bin : r.bins.keySet()) {
                        t.set(i++, LuaValue.valueOf(bin));
                    }
                    yield t;
                }
                case "set_ttl" -> {
                    r.ttl = (int) Args.optInteger(args, 2, 0, name);
                    yield NONE;
                }
                case "drop_key" -> {
                    if (r.open) {
                        r.key = null;
                    }
                    yield NONE;
                }
                default -> throw new IllegalStateException(name);
            };
        }
    }
}
