package io.aerolog.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST gateway's list operations (LIST_APPEND ... LIST_TRIM) and the payloads Aerospike's Java client
 * packs for them ({@code ListOperation}): each name with its fields becomes the client's tree, and each
 * tree the client packs is written back as the name and fields that give it.
 */
final class ListJson {
    static final int SET_TYPE = 0;
    static final int APPEND = 1;
    static final int APPEND_ITEMS = 2;
    static final int INSERT = 3;
    static final int INSERT_ITEMS = 4;
    static final int POP = 5;
    static final int POP_RANGE = 6;
    static final int REMOVE = 7;
    static final int REMOVE_RANGE = 8;
    static final int SET = 9;
    static final int TRIM = 10;
    static final int CLEAR = 11;
    static final int INCREMENT = 12;
    static final int SORT = 13;
    static final int SIZE = 16;
    static final int GET = 17;
    static final int GET_RANGE = 18;
    static final int GET_BY_INDEX = 19;
    static final int GET_BY_RANK = 21;
    static final int GET_BY_VALUE = 22;
    static final int GET_BY_VALUE_LIST = 23;
    static final int GET_BY_INDEX_RANGE = 24;
    static final int GET_BY_VALUE_INTERVAL = 25;
    static final int GET_BY_RANK_RANGE = 26;
    static final int GET_BY_VALUE_REL_RANK_RANGE = 27;
    static final int REMOVE_BY_INDEX = 32;
    static final int REMOVE_BY_RANK = 34;
    static final int REMOVE_BY_VALUE = 35;
    static final int REMOVE_BY_VALUE_LIST = 36;
    static final int REMOVE_BY_INDEX_RANGE = 37;
    static final int REMOVE_BY_VALUE_INTERVAL = 38;
    static final int REMOVE_BY_RANK_RANGE = 39;
    static final int REMOVE_BY_VALUE_REL_RANK_RANGE = 40;

    private ListJson() {
    }

    /** The operation {@code name} (a LIST_ name of the typed form) with fields {@code f}. */
    static Operation fromJson(String name, OpFields f) {
        String bin = f.requiredBin();
        List<Value> ctx = CdtArgs.context(f);
        return switch (name) {
            case "LIST_APPEND" -> {
                Value v = f.value("value");
                CdtArgs.ListPolicy p = CdtArgs.listPolicy(f);
                yield modify(bin, p == null ? OpTree.of(ctx, APPEND, v) : OpTree.of(ctx, APPEND, v, p.attributes(), p.flags()));
            }
            case "LIST_APPEND_ITEMS" -> {
                Value v = f.values("values");
                CdtArgs.ListPolicy p = CdtArgs.listPolicy(f);
                yield modify(bin, p == null ? OpTree.of(ctx, APPEND_ITEMS, v)
                        : OpTree.of(ctx, APPEND_ITEMS, v, p.attributes(), p.flags()));
            }
            case "LIST_INSERT" -> indexed(bin, ctx, f, INSERT, f.requiredInt("index"), f.value("value"));
            case "LIST_INSERT_ITEMS" -> indexed(bin, ctx, f, INSERT_ITEMS, f.requiredInt("index"), f.values("values"));
            case "LIST_SET" -> indexed(bin, ctx, f, SET, f.requiredInt("index"), f.value("value"));
            case "LIST_INCREMENT" -> {
                int index = f.requiredInt("index");
                Value incr = f.optionalValue("incr", "value");
                CdtArgs.ListPolicy p = CdtArgs.listPolicy(f);
                if (p != null) {
                    yield modify(bin, OpTree.of(ctx, INCREMENT, index, incr == null ? Value.of(1L) : incr, p.attributes(),
                            p.flags()));
                }
                yield modify(bin, incr == null ? OpTree.of(ctx, INCREMENT, index) : OpTree.of(ctx, INCREMENT, index, incr));
            }
            case "LIST_POP" -> modify(bin, OpTree.of(ctx, POP, f.requiredInt("index")));
            case "LIST_POP_RANGE" -> modify(bin, range(ctx, f, POP_RANGE));
            case "LIST_REMOVE" -> modify(bin, OpTree.of(ctx, REMOVE, f.requiredInt("index")));
            case "LIST_REMOVE_RANGE" -> modify(bin, range(ctx, f, REMOVE_RANGE));
            case "LIST_TRIM" -> modify(bin, OpTree.of(ctx, TRIM, f.requiredInt("index"), f.requiredInt("count")));
            case "LIST_CLEAR" -> modify(bin, OpTree.of(ctx, CLEAR));
            case "LIST_SORT" -> modify(bin, OpTree.of(ctx, SORT, f.flags(CdtArgs.ListSortFlag.class, "sortFlags",
                    "listSortFlags")));
            case "LIST_SET_ORDER" -> modify(bin, OpTree.of(ctx, SET_TYPE,
                    order(f, "listOrder", "order").attributes));
            case "LIST_CREATE" -> {
                CdtArgs.ListOrder order = order(f, "order", "listOrder");
                boolean pad = f.bool("pad");
                yield modify(bin, OpTree.of(created(ctx, order.createFlag(pad)), SET_TYPE, order.attributes));
            }
            case "LIST_SIZE" -> read(bin, OpTree.of(ctx, SIZE));
            case "LIST_GET" -> read(bin, OpTree.of(ctx, GET, f.requiredInt("index")));
            case "LIST_GET_RANGE" -> read(bin, range(ctx, f, GET_RANGE));
            case "LIST_GET_BY_INDEX" -> read(bin, OpTree.of(ctx, GET_BY_INDEX, CdtArgs.listReturnType(f),
                    f.requiredInt("index")));
            case "LIST_GET_BY_RANK" -> read(bin, OpTree.of(ctx, GET_BY_RANK, CdtArgs.listReturnType(f),
                    f.requiredInt("rank")));
            case "LIST_GET_BY_VALUE" -> read(bin, OpTree.of(ctx, GET_BY_VALUE, CdtArgs.listReturnType(f),
                    f.value("value")));
            case "LIST_GET_BY_VALUE_LIST" -> read(bin, OpTree.of(ctx, GET_BY_VALUE_LIST, CdtArgs.listReturnType(f),
                    f.values("values")));
            case "LIST_GET_BY_INDEX_RANGE" -> read(bin, selectRange(ctx, f, GET_BY_INDEX_RANGE, "index"));
            case "LIST_GET_BY_VALUE_RANGE" -> read(bin, interval(ctx, f, GET_BY_VALUE_INTERVAL));
            case "LIST_GET_BY_RANK_RANGE" -> read(bin, selectRange(ctx, f, GET_BY_RANK_RANGE, "rank"));
            case "LIST_GET_BY_VALUE_RELATIVE_RANK_RANGE" -> read(bin, relative(ctx, f, GET_BY_VALUE_REL_RANK_RANGE));
            case "LIST_REMOVE_BY_INDEX" -> modify(bin, OpTree.of(ctx, REMOVE_BY_INDEX, CdtArgs.listReturnType(f),
                    f.requiredInt("index")));
            case "LIST_REMOVE_BY_RANK" -> modify(bin, OpTree.of(ctx, REMOVE_BY_RANK, CdtArgs.listReturnType(f),
                    f.requiredInt("rank")));
            case "LIST_REMOVE_BY_VALUE" -> modify(bin, OpTree.of(ctx, REMOVE_BY_VALUE, CdtArgs.listReturnType(f),
                    f.value("value")));
            case "LIST_REMOVE_BY_VALUE_LIST" -> modify(bin, OpTree.of(ctx, REMOVE_BY_VALUE_LIST,
                    CdtArgs.listReturnType(f), f.values("values")));
            case "LIST_REMOVE_BY_INDEX_RANGE" -> modify(bin, selectRange(ctx, f, REMOVE_BY_INDEX_RANGE, "index"));
            case "LIST_REMOVE_BY_VALUE_RANGE" -> modify(bin, interval(ctx, f, REMOVE_BY_VALUE_INTERVAL));
            case "LIST_REMOVE_BY_RANK_RANGE" -> modify(bin, selectRange(ctx, f, REMOVE_BY_RANK_RANGE, "rank"));
            case "LIST_REMOVE_BY_VALUE_RELATIVE_RANK_RANGE" -> modify(bin, relative(ctx, f,
                    REMOVE_BY_VALUE_REL_RANK_RANGE));
            default -> null;
        };
    }

    private static Operation read(String bin, Value tree) {
        return new Operation(OperationType.CDT_READ, bin, tree);
    }

    private static Operation modify(String bin, Value tree) {
        return new Operation(OperationType.CDT_MODIFY, bin, tree);
    }

    /** {@code [code, index, item]}, with the policy's write flags when there is one (insert and set take no order). */
    private static Operation indexed(String bin, List<Value> ctx, OpFields f, int code, int index, Value item) {
        CdtArgs.ListPolicy p = CdtArgs.listPolicy(f);
        return modify(bin, p == null ? OpTree.of(ctx, code, index, item) : OpTree.of(ctx, code, index, item, p.flags()));
    }

    /** {@code [code, index]} or {@code [code, index, count]}. */
    private static Value range(List<Value> ctx, OpFields f, int code) {
        int index = f.requiredInt("index");
        Integer count = f.optionalInt("count");
        return count == null ? OpTree.of(ctx, code, index) : OpTree.of(ctx, code, index, count);
    }

    /** {@code [code, returnType, indexOrRank]} or with a count. */
    private static Value selectRange(List<Value> ctx, OpFields f, int code, String from) {
        int rt = CdtArgs.listReturnType(f);
        int start = f.requiredInt(from);
        Integer count = f.optionalInt("count");
        return count == null ? OpTree.of(ctx, code, rt, start) : OpTree.of(ctx, code, rt, start, count);
    }

    /** {@code [code, returnType, begin or nil]} or with an end (Aerospike's {@code CDT.packRangeOperation}). */
    static Value interval(List<Value> ctx, OpFields f, int code, String... names) {
        String beginName = names.length > 0 ? names[0] : "valueBegin";
        String endName = names.length > 0 ? names[1] : "valueEnd";
        int rt = code < 64 ? CdtArgs.listReturnType(f) : CdtArgs.mapReturnType(f);
        Value begin = f.optionalValue(beginName);
        Value end = f.optionalValue(endName);
        Value b = begin == null ? Value.NIL : begin;
        return end == null ? OpTree.of(ctx, code, rt, b) : OpTree.of(ctx, code, rt, b, end);
    }

    /** {@code [code, returnType, value, rank]} or with a count. */
    private static Value relative(List<Value> ctx, OpFields f, int code) {
        int rt = CdtArgs.listReturnType(f);
        Value v = f.value("value");
        int rank = f.requiredInt("rank");
        Integer count = f.optionalInt("count");
        return count == null ? OpTree.of(ctx, code, rt, v, rank) : OpTree.of(ctx, code, rt, v, rank, count);
    }

    private static CdtArgs.ListOrder order(OpFields f, String... names) {
        return f.enumOf(CdtArgs.ListOrder.class, f.required(names), names[0]);
    }

    /** The context with its last level marked to be created with {@code flag}, as the client's create does. */
    static List<Value> created(List<Value> ctx, int flag) {
        if (ctx.isEmpty()) {
            return ctx;
        }
        List<Value> out = new ArrayList<>(ctx);
        int last = out.size() - 2;
        long id = ((Value.IntegerValue) out.get(last)).value();
        out.set(last, Value.of(id | flag));
        return out;
    }

    // ---- writing JSON

    /** The name and fields of a list operation's payload. */
    static Rendered toJson(Operation op, OpTree.Parts p) {
        String bin = op.bin();
        Rendered r;
        switch (p.code()) {
            case SET_TYPE -> {
                p.arity(1, 1);
                r = setOrderOrCreate(bin, p);
            }
            case APPEND, APPEND_ITEMS -> {
                r = Rendered.of(p.code() == APPEND ? "LIST_APPEND" : "LIST_APPEND_ITEMS", bin);
                r.fields().set(p.code() == APPEND ? "value" : "values", CdtArgs.json(p.arg(0)));
                exact(p, 1, 3);
                if (p.size() == 3) {
                    CdtArgs.putListPolicy(r.fields(), p.intArg(1), p.intArg(2));
                }
            }
            case INSERT, INSERT_ITEMS, SET -> {
                r = Rendered.of(p.code() == INSERT ? "LIST_INSERT" : p.code() == SET ? "LIST_SET" : "LIST_INSERT_ITEMS", bin);
                p.arity(2, 3);
                r.fields().put("index", p.intArg(0));
                r.fields().set(p.code() == INSERT_ITEMS ? "values" : "value", CdtArgs.json(p.arg(1)));
                if (p.size() == 3) {
                    CdtArgs.putListPolicy(r.fields(), null, p.intArg(2));
                }
            }
            case INCREMENT -> {
                r = Rendered.of("LIST_INCREMENT", bin);
                exact(p, 1, 2, 4);
                r.fields().put("index", p.intArg(0));
                if (p.size() >= 2) {
                    r.fields().set("incr", CdtArgs.json(p.arg(1)));
                }
                if (p.size() == 4) {
                    CdtArgs.putListPolicy(r.fields(), p.intArg(2), p.intArg(3));
                }
            }
            case POP, REMOVE, GET -> {
                r = Rendered.of(p.code() == POP ? "LIST_POP" : p.code() == REMOVE ? "LIST_REMOVE" : "LIST_GET", bin);
                p.arity(1, 1);
                r.fields().put("index", p.intArg(0));
            }
            case POP_RANGE, REMOVE_RANGE, GET_RANGE, TRIM -> {
                r = Rendered.of(switch (p.code()) {
                    case POP_RANGE -> "LIST_POP_RANGE";
                    case REMOVE_RANGE -> "LIST_REMOVE_RANGE";
                    case GET_RANGE -> "LIST_GET_RANGE";
                    default -> "LIST_TRIM";
                }, bin);
                p.arity(p.code() == TRIM ? 2 : 1, 2);
                r.fields().put("index", p.intArg(0));
                if (p.size() == 2) {
                    r.fields().put("count", p.intArg(1));
                }
            }
            case CLEAR, SIZE -> {
                r = Rendered.of(p.code() == CLEAR ? "LIST_CLEAR" : "LIST_SIZE", bin);
                p.arity(0, 0);
            }
            case SORT -> {
                r = Rendered.of("LIST_SORT", bin);
                p.arity(1, 1);
                var names = CdtArgs.flagNames(CdtArgs.ListSortFlag.class, p.intArg(0));
                if (!names.isEmpty()) {
                    r.fields().set("sortFlags", names);
                }
            }
            case GET_BY_INDEX, GET_BY_RANK, REMOVE_BY_INDEX, REMOVE_BY_RANK -> {
                boolean index = p.code() == GET_BY_INDEX || p.code() == REMOVE_BY_INDEX;
                boolean get = p.code() == GET_BY_INDEX || p.code() == GET_BY_RANK;
                r = Rendered.of("LIST_" + (get ? "GET" : "REMOVE") + "_BY_" + (index ? "INDEX" : "RANK"), bin);
                p.arity(2, 2);
                CdtArgs.putListReturnType(r.fields(), p.intArg(0));
                r.fields().put(index ? "index" : "rank", p.intArg(1));
            }
            case GET_BY_VALUE, REMOVE_BY_VALUE, GET_BY_VALUE_LIST, REMOVE_BY_VALUE_LIST -> {
                boolean list = p.code() == GET_BY_VALUE_LIST || p.code() == REMOVE_BY_VALUE_LIST;
                boolean get = p.code() == GET_BY_VALUE || p.code() == GET_BY_VALUE_LIST;
                r = Rendered.of("LIST_" + (get ? "GET" : "REMOVE") + "_BY_VALUE" + (list ? "_LIST" : ""), bin);
                p.arity(2, 2);
                CdtArgs.putListReturnType(r.fields(), p.intArg(0));
                r.fields().set(list ? "values" : "value", CdtArgs.json(p.arg(1)));
            }
            case GET_BY_INDEX_RANGE, GET_BY_RANK_RANGE, REMOVE_BY_INDEX_RANGE, REMOVE_BY_RANK_RANGE -> {
                boolean index = p.code() == GET_BY_INDEX_RANGE || p.code() == REMOVE_BY_INDEX_RANGE;
                boolean get = p.code() == GET_BY_INDEX_RANGE || p.code() == GET_BY_RANK_RANGE;
                r = Rendered.of("LIST_" + (get ? "GET" : "REMOVE") + "_BY_" + (index ? "INDEX" : "RANK") + "_RANGE", bin);
                p.arity(2, 3);
                CdtArgs.putListReturnType(r.fields(), p.intArg(0));
                r.fields().put(index ? "index" : "rank", p.intArg(1));
                if (p.size() == 3) {
                    r.fields().put("count", p.intArg(2));
                }
            }
            case GET_BY_VALUE_INTERVAL, REMOVE_BY_VALUE_INTERVAL -> {
                r = Rendered.of(p.code() == GET_BY_VALUE_INTERVAL ? "LIST_GET_BY_VALUE_RANGE"
                        : "LIST_REMOVE_BY_VALUE_RANGE", bin);
                CdtArgs.putListReturnType(r.fields(), p.intArg(0));
                putInterval(r.fields(), p, "valueBegin", "valueEnd");
            }
            case GET_BY_VALUE_REL_RANK_RANGE, REMOVE_BY_VALUE_REL_RANK_RANGE -> {
                r = Rendered.of(p.code() == GET_BY_VALUE_REL_RANK_RANGE ? "LIST_GET_BY_VALUE_RELATIVE_RANK_RANGE"
                        : "LIST_REMOVE_BY_VALUE_RELATIVE_RANK_RANGE", bin);
                p.arity(3, 4);
                CdtArgs.putListReturnType(r.fields(), p.intArg(0));
                r.fields().set("value", CdtArgs.json(p.arg(1)));
                r.fields().put("rank", p.intArg(2));
                if (p.size() == 4) {
                    r.fields().put("count", p.intArg(3));
                }
            }
            default -> throw OpTree.noForm("list operation code " + p.code());
        }
        if (p.code() != SET_TYPE) {
            CdtArgs.putContext(r.fields(), p.ctx());
        }
        return r;
    }

    /** An interval's begin (nil when the client gave none) and its end when there is one. */
    static void putInterval(ObjectNode o, OpTree.Parts p, String beginName, String endName) {
        p.arity(2, 3);
        if (!(p.arg(1) instanceof Value.NilValue)) {
            o.set(beginName, CdtArgs.json(p.arg(1)));
        }
        if (p.size() == 3) {
            o.set(endName, CdtArgs.json(p.arg(2)));
        }
    }

    private static void exact(OpTree.Parts p, int... sizes) {
        for (int s : sizes) {
            if (p.size() == s) {
                return;
            }
        }
        throw OpTree.noForm("list operation code " + p.code() + " with " + p.size() + " arguments");
    }

    /**
     * A list's order set ([0, attributes]): LIST_CREATE where its context's last level is marked created with
     * the flag of that order, else LIST_SET_ORDER.
     */
    private static Rendered setOrderOrCreate(String bin, OpTree.Parts p) {
        CdtArgs.ListOrder order = CdtArgs.listOrder(p.intArg(0));
        List<Value> ctx = p.ctx();
        if (ctx.size() >= 2 && ctx.get(ctx.size() - 2) instanceof Value.IntegerValue id) {
            int flag = (int) id.value() & 0xc0;
            boolean pad = flag == 0x80;
            if (flag != 0 && flag == order.createFlag(pad)) {
                Rendered r = Rendered.of("LIST_CREATE", bin);
                r.fields().put("order", order.name());
                if (pad) {
                    r.fields().put("pad", true);
                }
                List<Value> plain = new ArrayList<>(ctx);
                plain.set(plain.size() - 2, Value.of(id.value() & ~0xc0L));
                CdtArgs.putContext(r.fields(), plain);
                return r;
            }
        }
        Rendered r = Rendered.of("LIST_SET_ORDER", bin);
        r.fields().put("listOrder", order.name());
        CdtArgs.putContext(r.fields(), ctx);
        return r;
    }
}
