package io.aerolog.protocol;

import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import java.util.List;

/**
 * The REST gateway's map operations (MAP_PUT ... MAP_SIZE), plus MAP_REMOVE_BY_KEY_LIST, which Aerospike's
 * client has and the gateway lacks, and the payloads Aerospike's Java client packs for them
 * ({@code MapOperation}, whose map policy picks the code of a put: PUT, or ADD / REPLACE by write mode).
 */
final class MapJson {
    static final int SET_TYPE = 64;
    static final int ADD = 65;
    static final int ADD_ITEMS = 66;
    static final int PUT = 67;
    static final int PUT_ITEMS = 68;
    static final int REPLACE = 69;
    static final int REPLACE_ITEMS = 70;
    static final int INCREMENT = 73;
    static final int DECREMENT = 74;
    static final int CLEAR = 75;
    static final int REMOVE_BY_KEY = 76;
    static final int REMOVE_BY_INDEX = 77;
    static final int REMOVE_BY_RANK = 79;
    static final int REMOVE_BY_KEY_LIST = 81;
    static final int REMOVE_BY_VALUE = 82;
    static final int REMOVE_BY_VALUE_LIST = 83;
    static final int REMOVE_BY_KEY_INTERVAL = 84;
    static final int REMOVE_BY_INDEX_RANGE = 85;
    static final int REMOVE_BY_VALUE_INTERVAL = 86;
    static final int REMOVE_BY_RANK_RANGE = 87;
    static final int REMOVE_BY_KEY_REL_INDEX_RANGE = 88;
    static final int REMOVE_BY_VALUE_REL_RANK_RANGE = 89;
    static final int SIZE = 96;
    static final int GET_BY_KEY = 97;
    static final int GET_BY_INDEX = 98;
    static final int GET_BY_RANK = 100;
    static final int GET_BY_VALUE = 102;
    static final int GET_BY_KEY_INTERVAL = 103;
    static final int GET_BY_INDEX_RANGE = 104;
    static final int GET_BY_VALUE_INTERVAL = 105;
    static final int GET_BY_RANK_RANGE = 106;
    static final int GET_BY_KEY_LIST = 107;
    static final int GET_BY_VALUE_LIST = 108;
    static final int GET_BY_KEY_REL_INDEX_RANGE = 109;
    static final int GET_BY_VALUE_REL_RANK_RANGE = 110;

    private MapJson() {
    }

    /** The operation {@code name} (a MAP_ name of the typed form) with fields {@code f}; null for another name. */
    static Operation fromJson(String name, OpFields f) {
        String bin = f.requiredBin();
        List<Value> ctx = CdtArgs.context(f);
        return switch (name) {
            case "MAP_PUT" -> {
                Value key = f.value("key");
                Value v = f.value("value");
                CdtArgs.MapPolicy p = CdtArgs.mapPolicy(f);
                Value tree;
                if (p.flags() != 0) {
                    tree = OpTree.of(ctx, PUT, key, v, p.attributes(), p.flags());
                } else if (p.mode().itemCode == REPLACE) {
                    tree = OpTree.of(ctx, REPLACE, key, v);
                } else {
                    tree = OpTree.of(ctx, p.mode().itemCode, key, v, p.attributes());
                }
                yield modify(bin, tree);
            }
            case "MAP_PUT_ITEMS" -> {
                Value items = f.map("map");
                CdtArgs.MapPolicy p = CdtArgs.mapPolicy(f);
                Value tree;
                if (p.flags() != 0) {
                    tree = OpTree.of(ctx, PUT_ITEMS, items, p.attributes(), p.flags());
                } else if (p.mode().itemsCode == REPLACE_ITEMS) {
                    tree = OpTree.of(ctx, REPLACE_ITEMS, items);
                } else {
                    tree = OpTree.of(ctx, p.mode().itemsCode, items, p.attributes());
                }
                yield modify(bin, tree);
            }
            case "MAP_INCREMENT" -> {
                Value key = f.value("key");
                Value incr = f.value("incr");
                yield modify(bin, OpTree.of(ctx, INCREMENT, key, incr, CdtArgs.mapPolicy(f).attributes()));
            }
            case "MAP_DECREMENT" -> {
                Value key = f.value("key");
                Value decr = f.value("decr");
                yield modify(bin, OpTree.of(ctx, DECREMENT, key, decr, CdtArgs.mapPolicy(f).attributes()));
            }
            case "MAP_SET_POLICY" -> {
                if (!f.has("mapPolicy")) {
                    throw f.error(f.where() + " needs \"mapPolicy\"");
                }
                yield modify(bin, OpTree.of(ctx, SET_TYPE, CdtArgs.mapPolicy(f).attributes()));
            }
            case "MAP_CREATE" -> {
                CdtArgs.MapOrder order = f.enumOf(CdtArgs.MapOrder.class, f.required("mapOrder", "order"), "mapOrder");
                yield modify(bin, OpTree.of(ListJson.created(ctx, order.createFlag), SET_TYPE, order.attributes));
            }
            case "MAP_CLEAR" -> modify(bin, OpTree.of(ctx, CLEAR));
            case "MAP_SIZE" -> read(bin, OpTree.of(ctx, SIZE));
            case "MAP_GET_BY_KEY" -> read(bin, OpTree.of(ctx, GET_BY_KEY, CdtArgs.mapReturnType(f), f.value("key")));
            case "MAP_GET_BY_INDEX" -> read(bin, OpTree.of(ctx, GET_BY_INDEX, CdtArgs.mapReturnType(f),
                    f.requiredInt("index")));
            case "MAP_GET_BY_RANK" -> read(bin, OpTree.of(ctx, GET_BY_RANK, CdtArgs.mapReturnType(f),
                    f.requiredInt("rank")));
            case "MAP_GET_BY_VALUE" -> read(bin, OpTree.of(ctx, GET_BY_VALUE, CdtArgs.mapReturnType(f), f.value("value")));
            case "MAP_GET_BY_KEY_LIST" -> read(bin, OpTree.of(ctx, GET_BY_KEY_LIST, CdtArgs.mapReturnType(f),
                    f.values("keys")));
            case "MAP_GET_BY_VALUE_LIST" -> read(bin, OpTree.of(ctx, GET_BY_VALUE_LIST, CdtArgs.mapReturnType(f),
                    f.values("values")));
            case "MAP_GET_BY_KEY_RANGE" -> read(bin, ListJson.interval(ctx, f, GET_BY_KEY_INTERVAL, "keyBegin", "keyEnd"));
            case "MAP_GET_BY_VALUE_RANGE" -> read(bin, ListJson.interval(ctx, f, GET_BY_VALUE_INTERVAL));
            case "MAP_GET_BY_INDEX_RANGE" -> read(bin, selectRange(ctx, f, GET_BY_INDEX_RANGE, "index"));
            case "MAP_GET_BY_RANK_RANGE" -> read(bin, selectRange(ctx, f, GET_BY_RANK_RANGE, "rank"));
            case "MAP_GET_BY_KEY_RELATIVE_INDEX_RANGE" -> read(bin, relative(ctx, f, GET_BY_KEY_REL_INDEX_RANGE, "index"));
            case "MAP_GET_BY_VALUE_RELATIVE_RANK_RANGE" -> read(bin, relative(ctx, f, GET_BY_VALUE_REL_RANK_RANGE, "rank"));
            case "MAP_REMOVE_BY_KEY" -> modify(bin, OpTree.of(ctx, REMOVE_BY_KEY, CdtArgs.mapReturnType(f),
                    f.value("key")));
            case "MAP_REMOVE_BY_INDEX" -> modify(bin, OpTree.of(ctx, REMOVE_BY_INDEX, CdtArgs.mapReturnType(f),
                    f.requiredInt("index")));
            case "MAP_REMOVE_BY_RANK" -> modify(bin, OpTree.of(ctx, REMOVE_BY_RANK, CdtArgs.mapReturnType(f),
                    f.requiredInt("rank")));
            case "MAP_REMOVE_BY_VALUE" -> modify(bin, OpTree.of(ctx, REMOVE_BY_VALUE, CdtArgs.mapReturnType(f),
                    f.value("value")));
            case "MAP_REMOVE_BY_KEY_LIST" -> modify(bin, OpTree.of(ctx, REMOVE_BY_KEY_LIST, CdtArgs.mapReturnType(f),
                    f.values("keys")));
            case "MAP_REMOVE_BY_VALUE_LIST" -> modify(bin, OpTree.of(ctx, REMOVE_BY_VALUE_LIST, CdtArgs.mapReturnType(f),
                    f.values("values")));
            case "MAP_REMOVE_BY_KEY_RANGE" -> modify(bin, ListJson.interval(ctx, f, REMOVE_BY_KEY_INTERVAL, "keyBegin",
                    "keyEnd"));
            case "MAP_REMOVE_BY_VALUE_RANGE" -> modify(bin, ListJson.interval(ctx, f, REMOVE_BY_VALUE_INTERVAL));
            case "MAP_REMOVE_BY_INDEX_RANGE" -> modify(bin, selectRange(ctx, f, REMOVE_BY_INDEX_RANGE, "index"));
            case "MAP_REMOVE_BY_RANK_RANGE" -> modify(bin, selectRange(ctx, f, REMOVE_BY_RANK_RANGE, "rank"));
            case "MAP_REMOVE_BY_KEY_RELATIVE_INDEX_RANGE" -> modify(bin, relative(ctx, f, REMOVE_BY_KEY_REL_INDEX_RANGE,
                    "index"));
            case "MAP_REMOVE_BY_VALUE_RELATIVE_RANK_RANGE" -> modify(bin, relative(ctx, f,
                    REMOVE_BY_VALUE_REL_RANK_RANGE, "rank"));
            default -> null;
        };
    }

    private static Operation read(String bin, Value tree) {
        return new Operation(OperationType.CDT_READ, bin, tree);
    }

    private static Operation modify(String bin, Value tree) {
        return new Operation(OperationType.CDT_MODIFY, bin, tree);
    }

    private static Value selectRange(List<Value> ctx, OpFields f, int code, String from) {
        int rt = CdtArgs.mapReturnType(f);
        int start = f.requiredInt(from);
        Integer count = f.optionalInt("count");
        return count == null ? OpTree.of(ctx, code, rt, start) : OpTree.of(ctx, code, rt, start, count);
    }

    /** {@code [code, returnType, keyOrValue, indexOrRank]} or with a count; the key or value is "value". */
    private static Value relative(List<Value> ctx, OpFields f, int code, String from) {
        int rt = CdtArgs.mapReturnType(f);
        Value v = f.value("value");
        int start = f.requiredInt(from);
        Integer count = f.optionalInt("count");
        return count == null ? OpTree.of(ctx, code, rt, v, start) : OpTree.of(ctx, code, rt, v, start, count);
    }

    // ---- writing JSON

    /** The name and fields of a map operation's payload. */
    static Rendered toJson(Operation op, OpTree.Parts p) {
        String bin = op.bin();
        Rendered r;
        switch (p.code()) {
            case SET_TYPE -> {
                p.arity(1, 1);
                return setPolicyOrCreate(bin, p);
            }
            case PUT, ADD, REPLACE -> {
                r = Rendered.of("MAP_PUT", bin);
                p.arity(2, 4);
                r.fields().set("key", CdtArgs.json(p.arg(0)));
                r.fields().set("value", CdtArgs.json(p.arg(1)));
                putPolicy(r, p, 2, p.code() == ADD ? CdtArgs.MapWriteMode.CREATE_ONLY
                        : p.code() == REPLACE ? CdtArgs.MapWriteMode.UPDATE_ONLY : CdtArgs.MapWriteMode.UPDATE);
            }
            case PUT_ITEMS, ADD_ITEMS, REPLACE_ITEMS -> {
                r = Rendered.of("MAP_PUT_ITEMS", bin);
                p.arity(1, 3);
                r.fields().set("map", CdtArgs.json(p.arg(0)));
                putPolicy(r, p, 1, p.code() == ADD_ITEMS ? CdtArgs.MapWriteMode.CREATE_ONLY
                        : p.code() == REPLACE_ITEMS ? CdtArgs.MapWriteMode.UPDATE_ONLY : CdtArgs.MapWriteMode.UPDATE);
            }
            case INCREMENT, DECREMENT -> {
                r = Rendered.of(p.code() == INCREMENT ? "MAP_INCREMENT" : "MAP_DECREMENT", bin);
                p.arity(3, 3);
                r.fields().set("key", CdtArgs.json(p.arg(0)));
                r.fields().set(p.code() == INCREMENT ? "incr" : "decr", CdtArgs.json(p.arg(1)));
                if (p.intArg(2) != 0) {
                    CdtArgs.putMapPolicy(r.fields(), p.intArg(2), 0, null);
                }
            }
            case CLEAR, SIZE -> {
                r = Rendered.of(p.code() == CLEAR ? "MAP_CLEAR" : "MAP_SIZE", bin);
                p.arity(0, 0);
            }
            case GET_BY_KEY, REMOVE_BY_KEY, GET_BY_VALUE, REMOVE_BY_VALUE, GET_BY_KEY_LIST, REMOVE_BY_KEY_LIST,
                 GET_BY_VALUE_LIST, REMOVE_BY_VALUE_LIST -> {
                String by = switch (p.code()) {
                    case GET_BY_KEY, REMOVE_BY_KEY -> "KEY";
                    case GET_BY_VALUE, REMOVE_BY_VALUE -> "VALUE";
                    case GET_BY_KEY_LIST, REMOVE_BY_KEY_LIST -> "KEY_LIST";
                    default -> "VALUE_LIST";
                };
                r = Rendered.of("MAP_" + (p.code() >= SIZE ? "GET" : "REMOVE") + "_BY_" + by, bin);
                p.arity(2, 2);
                CdtArgs.putMapReturnType(r.fields(), p.intArg(0));
                r.fields().set(switch (by) {
                    case "KEY" -> "key";
                    case "VALUE" -> "value";
                    case "KEY_LIST" -> "keys";
                    default -> "values";
                }, CdtArgs.json(p.arg(1)));
            }
            case GET_BY_INDEX, REMOVE_BY_INDEX, GET_BY_RANK, REMOVE_BY_RANK -> {
                boolean index = p.code() == GET_BY_INDEX || p.code() == REMOVE_BY_INDEX;
                r = Rendered.of("MAP_" + (p.code() >= SIZE ? "GET" : "REMOVE") + "_BY_" + (index ? "INDEX" : "RANK"), bin);
                p.arity(2, 2);
                CdtArgs.putMapReturnType(r.fields(), p.intArg(0));
                r.fields().put(index ? "index" : "rank", p.intArg(1));
            }
            case GET_BY_INDEX_RANGE, REMOVE_BY_INDEX_RANGE, GET_BY_RANK_RANGE, REMOVE_BY_RANK_RANGE -> {
                boolean index = p.code() == GET_BY_INDEX_RANGE || p.code() == REMOVE_BY_INDEX_RANGE;
                r = Rendered.of("MAP_" + (p.code() >= SIZE ? "GET" : "REMOVE") + "_BY_" + (index ? "INDEX" : "RANK")
                        + "_RANGE", bin);
                p.arity(2, 3);
                CdtArgs.putMapReturnType(r.fields(), p.intArg(0));
                r.fields().put(index ? "index" : "rank", p.intArg(1));
                if (p.size() == 3) {
                    r.fields().put("count", p.intArg(2));
                }
            }
            case GET_BY_KEY_INTERVAL, REMOVE_BY_KEY_INTERVAL, GET_BY_VALUE_INTERVAL, REMOVE_BY_VALUE_INTERVAL -> {
                boolean key = p.code() == GET_BY_KEY_INTERVAL || p.code() == REMOVE_BY_KEY_INTERVAL;
                r = Rendered.of("MAP_" + (p.code() >= SIZE ? "GET" : "REMOVE") + "_BY_" + (key ? "KEY" : "VALUE")
                        + "_RANGE", bin);
                CdtArgs.putMapReturnType(r.fields(), p.intArg(0));
                ListJson.putInterval(r.fields(), p, key ? "keyBegin" : "valueBegin", key ? "keyEnd" : "valueEnd");
            }
            case GET_BY_KEY_REL_INDEX_RANGE, REMOVE_BY_KEY_REL_INDEX_RANGE, GET_BY_VALUE_REL_RANK_RANGE,
                 REMOVE_BY_VALUE_REL_RANK_RANGE -> {
                boolean key = p.code() == GET_BY_KEY_REL_INDEX_RANGE || p.code() == REMOVE_BY_KEY_REL_INDEX_RANGE;
                r = Rendered.of("MAP_" + (p.code() >= SIZE ? "GET" : "REMOVE") + "_BY_"
                        + (key ? "KEY_RELATIVE_INDEX_RANGE" : "VALUE_RELATIVE_RANK_RANGE"), bin);
                p.arity(3, 4);
                CdtArgs.putMapReturnType(r.fields(), p.intArg(0));
                r.fields().set("value", CdtArgs.json(p.arg(1)));
                r.fields().put(key ? "index" : "rank", p.intArg(2));
                if (p.size() == 4) {
                    r.fields().put("count", p.intArg(3));
                }
            }
            default -> throw OpTree.noForm("map operation code " + p.code());
        }
        CdtArgs.putContext(r.fields(), p.ctx());
        return r;
    }

    /** The policy of a put from its arguments after the item(s): none, attributes, or attributes and flags. */
    private static void putPolicy(Rendered r, OpTree.Parts p, int from, CdtArgs.MapWriteMode mode) {
        int left = p.size() - from;
        if (left == 2) {
            if (mode != CdtArgs.MapWriteMode.UPDATE) {
                throw OpTree.noForm("a map put by write mode with write flags");
            }
            CdtArgs.putMapPolicy(r.fields(), p.intArg(from), p.intArg(from + 1), null);
        } else if (left == 1) {
            if (mode == CdtArgs.MapWriteMode.UPDATE_ONLY) {
                throw OpTree.noForm("a map replace with order attributes");
            }
            if (p.intArg(from) != 0 || mode != CdtArgs.MapWriteMode.UPDATE) {
                CdtArgs.putMapPolicy(r.fields(), p.intArg(from), 0, mode);
            }
        } else {
            if (mode != CdtArgs.MapWriteMode.UPDATE_ONLY) {
                throw OpTree.noForm("a map put without its order attributes");
            }
            CdtArgs.putMapPolicy(r.fields(), null, 0, mode);
        }
    }

    /**
     * A map's order set ([64, attributes]): MAP_CREATE where there is no context or its last level is marked
     * created with the flag of that order, else MAP_SET_POLICY.
     */
    private static Rendered setPolicyOrCreate(String bin, OpTree.Parts p) {
        CdtArgs.MapOrder order = CdtArgs.mapOrder(p.intArg(0));
        List<Value> ctx = p.ctx();
        if (ctx.isEmpty()) {
            Rendered r = Rendered.of("MAP_CREATE", bin);
            r.fields().put("mapOrder", order.name());
            return r;
        }
        if (ctx.size() >= 2 && ctx.get(ctx.size() - 2) instanceof Value.IntegerValue id
                && ((int) id.value() & 0xc0) == order.createFlag) {
            Rendered r = Rendered.of("MAP_CREATE", bin);
            r.fields().put("mapOrder", order.name());
            List<Value> plain = new java.util.ArrayList<>(ctx);
            plain.set(plain.size() - 2, Value.of(id.value() & ~0xc0L));
            CdtArgs.putContext(r.fields(), plain);
            return r;
        }
        Rendered r = Rendered.of("MAP_SET_POLICY", bin);
        CdtArgs.putMapPolicy(r.fields(), order.attributes, 0, null);
        CdtArgs.putContext(r.fields(), ctx);
        return r;
    }
}
