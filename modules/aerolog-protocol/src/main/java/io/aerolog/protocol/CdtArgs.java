package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments list and map operations share, in the REST gateway's JSON and in Aerospike's payload
 * numbers (its Java client's {@code CTX}, {@code ListReturnType}, {@code MapReturnType}, {@code ListPolicy},
 * {@code MapPolicy} and their flags): contexts, return types with {@code inverted}, orders, write flags,
 * sort flags, and the list and map policies. Each is read from JSON and written back.
 */
final class CdtArgs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int INVERTED = 0x10000;

    private CdtArgs() {
    }

    enum ListReturn {
        NONE(0), INDEX(1), REVERSE_INDEX(2), RANK(3), REVERSE_RANK(4), COUNT(5), VALUE(7), EXISTS(13);

        final int code;

        ListReturn(int code) {
            this.code = code;
        }
    }

    enum MapReturn {
        NONE(0), INDEX(1), REVERSE_INDEX(2), RANK(3), REVERSE_RANK(4), COUNT(5), KEY(6), VALUE(7), KEY_VALUE(8),
        EXISTS(13), UNORDERED_MAP(16), ORDERED_MAP(17);

        final int code;

        MapReturn(int code) {
            this.code = code;
        }
    }

    enum ListOrder {
        UNORDERED(0), ORDERED(1);

        final int attributes;

        ListOrder(int attributes) {
            this.attributes = attributes;
        }

        /** The flag a created list's context carries (Aerospike's {@code ListOrder.getFlag}). */
        int createFlag(boolean pad) {
            return this == ORDERED ? 0xc0 : pad ? 0x80 : 0x40;
        }
    }

    enum MapOrder {
        UNORDERED(0, 0x40), KEY_ORDERED(1, 0x80), KEY_VALUE_ORDERED(3, 0xc0);

        final int attributes;
        final int createFlag;

        MapOrder(int attributes, int createFlag) {
            this.attributes = attributes;
            this.createFlag = createFlag;
        }
    }

    enum ListWriteFlag implements OpFields.Flag {
        DEFAULT(0), ADD_UNIQUE(1), INSERT_BOUNDED(2), NO_FAIL(4), PARTIAL(8);

        private final int bits;

        ListWriteFlag(int bits) {
            this.bits = bits;
        }

        @Override
        public int bits() {
            return bits;
        }
    }

    enum MapWriteFlag implements OpFields.Flag {
        DEFAULT(0), CREATE_ONLY(1), UPDATE_ONLY(2), NO_FAIL(4), PARTIAL(8);

        private final int bits;

        MapWriteFlag(int bits) {
            this.bits = bits;
        }

        @Override
        public int bits() {
            return bits;
        }
    }

    enum ListSortFlag implements OpFields.Flag {
        DEFAULT(0), DROP_DUPLICATES(2);

        private final int bits;

        ListSortFlag(int bits) {
            this.bits = bits;
        }

        @Override
        public int bits() {
            return bits;
        }
    }

    /** Aerospike's {@code MapWriteMode}: the codes of a single put and of a put of many items. */
    enum MapWriteMode {
        UPDATE(MapJson.PUT, MapJson.PUT_ITEMS), UPDATE_ONLY(MapJson.REPLACE, MapJson.REPLACE_ITEMS),
        CREATE_ONLY(MapJson.ADD, MapJson.ADD_ITEMS);

        final int itemCode;
        final int itemsCode;

        MapWriteMode(int itemCode, int itemsCode) {
            this.itemCode = itemCode;
            this.itemsCode = itemsCode;
        }
    }

    // ---- return types

    static int listReturnType(OpFields f) {
        ListReturn rt = f.enumOf(ListReturn.class, f.required("listReturnType", "returnType"), "listReturnType");
        return rt.code | (f.bool("inverted") ? INVERTED : 0);
    }

    static int mapReturnType(OpFields f) {
        MapReturn rt = f.enumOf(MapReturn.class, f.required("mapReturnType", "returnType"), "mapReturnType");
        return rt.code | (f.bool("inverted") ? INVERTED : 0);
    }

    static void putListReturnType(ObjectNode o, int returnType) {
        int base = returnType & ~INVERTED;
        for (ListReturn rt : ListReturn.values()) {
            if (rt.code == base) {
                o.put("listReturnType", rt.name());
                putInverted(o, returnType);
                return;
            }
        }
        throw OpTree.noForm("list return type " + returnType);
    }

    static void putMapReturnType(ObjectNode o, int returnType) {
        int base = returnType & ~INVERTED;
        for (MapReturn rt : MapReturn.values()) {
            if (rt.code == base) {
                o.put("mapReturnType", rt.name());
                putInverted(o, returnType);
                return;
            }
        }
        throw OpTree.noForm("map return type " + returnType);
    }

    private static void putInverted(ObjectNode o, int returnType) {
        if ((returnType & INVERTED) != 0) {
            o.put("inverted", true);
        }
    }

    // ---- orders and flags

    static ListOrder listOrder(int attributes) {
        for (ListOrder o : ListOrder.values()) {
            if (o.attributes == attributes) {
                return o;
            }
        }
        throw OpTree.noForm("list order attributes " + attributes);
    }

    static MapOrder mapOrder(int attributes) {
        for (MapOrder o : MapOrder.values()) {
            if (o.attributes == attributes) {
                return o;
            }
        }
        throw OpTree.noForm("map order attributes " + attributes);
    }

    /** The names of the set bits of {@code flags} (none for 0); refuses bits no flag names. */
    static <E extends Enum<E> & OpFields.Flag> ArrayNode flagNames(Class<E> type, int flags) {
        ArrayNode names = NODES.arrayNode();
        int left = flags;
        for (E e : type.getEnumConstants()) {
            if (e.bits() != 0 && (flags & e.bits()) == e.bits()) {
                names.add(e.name());
                left &= ~e.bits();
            }
        }
        if (left != 0) {
            throw OpTree.noForm(type.getSimpleName() + " bits " + left);
        }
        return names;
    }

    // ---- list and map policies

    /** A list policy as the payload carries it: order attributes and write flags. */
    record ListPolicy(int attributes, int flags) {
    }

    /** {@code listPolicy}: {"order": "ORDERED", "writeFlags": ["ADD_UNIQUE", ...]}, or null when absent. */
    static ListPolicy listPolicy(OpFields f) {
        JsonNode p = f.get("listPolicy");
        if (p == null) {
            return null;
        }
        OpFields pf = new OpFields(p, f.where() + " listPolicy");
        ListOrder order = pf.enumValue(ListOrder.class, ListOrder.UNORDERED, "order");
        int flags = pf.flags(ListWriteFlag.class, "writeFlags");
        pf.checkAllRead();
        return new ListPolicy(order.attributes, flags);
    }

    static void putListPolicy(ObjectNode o, Integer attributes, int flags) {
        ObjectNode p = o.putObject("listPolicy");
        if (attributes != null) {
            p.put("order", listOrder(attributes).name());
        }
        ArrayNode names = flagNames(ListWriteFlag.class, flags);
        if (!names.isEmpty()) {
            p.set("writeFlags", names);
        }
    }

    /** A map policy as Aerospike's client holds it: order attributes, write flags and the codes of its mode. */
    record MapPolicy(int attributes, int flags, MapWriteMode mode) {
        static final MapPolicy DEFAULT = new MapPolicy(0, 0, MapWriteMode.UPDATE);
    }

    /**
     * {@code mapPolicy}: {"order": "KEY_ORDERED", "writeFlags": ["CREATE_ONLY", ...]} or, in the older form,
     * {"order": ..., "writeMode": "UPDATE_ONLY"}; the default policy when absent.
     */
    static MapPolicy mapPolicy(OpFields f) {
        JsonNode p = f.get("mapPolicy");
        if (p == null) {
            return MapPolicy.DEFAULT;
        }
        OpFields pf = new OpFields(p, f.where() + " mapPolicy");
        MapOrder order = pf.enumValue(MapOrder.class, MapOrder.UNORDERED, "order");
        boolean hasFlags = pf.has("writeFlags");
        int flags = pf.flags(MapWriteFlag.class, "writeFlags");
        MapWriteMode mode = pf.enumValue(MapWriteMode.class, null, "writeMode");
        pf.checkAllRead();
        if (hasFlags && mode != null) {
            throw pf.error(f.where() + " mapPolicy: give writeFlags or writeMode, not both");
        }
        return new MapPolicy(order.attributes, flags, mode == null ? MapWriteMode.UPDATE : mode);
    }

    static ObjectNode putMapPolicy(ObjectNode o, Integer attributes, int flags, MapWriteMode mode) {
        ObjectNode p = o.putObject("mapPolicy");
        if (attributes != null) {
            p.put("order", mapOrder(attributes).name());
        }
        ArrayNode names = flagNames(MapWriteFlag.class, flags);
        if (!names.isEmpty()) {
            p.set("writeFlags", names);
        }
        if (mode != null && mode != MapWriteMode.UPDATE) {
            p.put("writeMode", mode.name());
        }
        return p;
    }

    // ---- contexts

    /** The context ids of Aerospike's {@code CTX}; a created one also carries an order flag (0x40-0xc0). */
    static final int LIST_INDEX = 0x10;
    static final int LIST_RANK = 0x11;
    static final int LIST_VALUE = 0x13;
    static final int MAP_INDEX = 0x20;
    static final int MAP_RANK = 0x21;
    static final int MAP_KEY = 0x22;
    static final int MAP_VALUE = 0x23;
    private static final int CREATE_FLAGS = 0xc0;

    /**
     * {@code ctx}: [{"type": "listIndex", "index": 1}, {"type": "mapKey", "key": "k"}, ...] as the payload's
     * flat list of id, value pairs; empty when absent. Types: listIndex, listIndexCreate (order, pad),
     * listRank, listValue, mapIndex, mapRank, mapKey, mapKeyCreate (order), mapValue.
     */
    static List<Value> context(OpFields f) {
        JsonNode ctx = f.get("ctx");
        List<Value> flat = new ArrayList<>();
        if (ctx == null) {
            return flat;
        }
        if (!ctx.isArray()) {
            throw f.fieldError("ctx", "must be a JSON array of contexts, e.g. [{\"type\": \"listIndex\", \"index\": 0}]");
        }
        if (ctx.size() > Value.MAX_DEPTH) {
            throw f.fieldError("ctx", "has " + ctx.size() + " levels; lists and maps nest at most " + Value.MAX_DEPTH);
        }
        int i = 0;
        for (JsonNode c : ctx) {
            OpFields cf = new OpFields(c, f.where() + " ctx[" + i++ + "]");
            JsonNode type = cf.required("type");
            String name = type.isTextual() ? type.textValue() : "";
            int id;
            Value v;
            switch (name) {
                case "listIndex" -> {
                    id = LIST_INDEX;
                    v = Value.of((long) cf.requiredInt("index"));
                }
                case "listIndexCreate" -> {
                    v = Value.of((long) cf.requiredInt("index"));
                    ListOrder order = cf.enumValue(ListOrder.class, ListOrder.UNORDERED, "order");
                    id = LIST_INDEX | order.createFlag(cf.bool("pad"));
                }
                case "listRank" -> {
                    id = LIST_RANK;
                    v = Value.of((long) cf.requiredInt("rank"));
                }
                case "listValue" -> {
                    id = LIST_VALUE;
                    v = cf.value("value");
                }
                case "mapIndex" -> {
                    id = MAP_INDEX;
                    v = Value.of((long) cf.requiredInt("index"));
                }
                case "mapRank" -> {
                    id = MAP_RANK;
                    v = Value.of((long) cf.requiredInt("rank"));
                }
                case "mapKey" -> {
                    id = MAP_KEY;
                    v = cf.value("key");
                }
                case "mapKeyCreate" -> {
                    v = cf.value("key");
                    id = MAP_KEY | cf.enumValue(MapOrder.class, MapOrder.UNORDERED, "order").createFlag;
                }
                case "mapValue" -> {
                    id = MAP_VALUE;
                    v = cf.value("value");
                }
                default -> throw cf.error(cf.where() + ": type '" + OpFields.abbreviate(type) + "' is not one of"
                        + " listIndex, listIndexCreate, listRank, listValue, mapIndex, mapRank, mapKey, mapKeyCreate,"
                        + " mapValue");
            }
            cf.checkAllRead();
            flat.add(Value.of((long) id));
            flat.add(v);
        }
        return flat;
    }

    /** Puts {@code ctx} (flat id, value pairs) as the JSON contexts, when there are any. */
    static void putContext(ObjectNode o, List<Value> ctx) {
        if (ctx.isEmpty()) {
            return;
        }
        if (ctx.size() % 2 != 0) {
            throw OpTree.noForm("a context of odd length");
        }
        ArrayNode out = o.putArray("ctx");
        for (int i = 0; i < ctx.size(); i += 2) {
            if (!(ctx.get(i) instanceof Value.IntegerValue idValue) || idValue.value() < 0 || idValue.value() > 0xff) {
                throw OpTree.noForm("a context id that is not a byte");
            }
            int id = (int) idValue.value();
            Value v = ctx.get(i + 1);
            ObjectNode c = out.addObject();
            int flag = id & CREATE_FLAGS;
            switch (id & ~CREATE_FLAGS) {
                case LIST_INDEX -> {
                    c.put("type", flag == 0 ? "listIndex" : "listIndexCreate");
                    c.put("index", intOf(v));
                    if (flag != 0) {
                        c.put("order", flag == 0xc0 ? ListOrder.ORDERED.name() : ListOrder.UNORDERED.name());
                        if (flag == 0x80) {
                            c.put("pad", true);
                        }
                    }
                }
                case MAP_KEY -> {
                    c.put("type", flag == 0 ? "mapKey" : "mapKeyCreate");
                    c.set("key", json(v));
                    if (flag != 0) {
                        for (MapOrder m : MapOrder.values()) {
                            if (m.createFlag == flag) {
                                c.put("order", m.name());
                            }
                        }
                    }
                }
                case LIST_RANK -> rankOrIndex(c, flag, "listRank", "rank", v);
                case MAP_INDEX -> rankOrIndex(c, flag, "mapIndex", "index", v);
                case MAP_RANK -> rankOrIndex(c, flag, "mapRank", "rank", v);
                case LIST_VALUE -> valued(c, flag, "listValue", v);
                case MAP_VALUE -> valued(c, flag, "mapValue", v);
                default -> throw OpTree.noForm("context id " + id);
            }
        }
    }

    private static void rankOrIndex(ObjectNode c, int flag, String type, String field, Value v) {
        if (flag != 0) {
            throw OpTree.noForm("a " + type + " context that creates");
        }
        c.put("type", type);
        c.put(field, intOf(v));
    }

    private static void valued(ObjectNode c, int flag, String type, Value v) {
        if (flag != 0) {
            throw OpTree.noForm("a " + type + " context that creates");
        }
        c.put("type", type);
        c.set("value", json(v));
    }

    private static int intOf(Value v) {
        if (v instanceof Value.IntegerValue i && i.value() == (int) i.value()) {
            return (int) i.value();
        }
        throw OpTree.noForm("a context index or rank that is not a 32-bit integer");
    }

    /** A value as JSON; a value JSON cannot carry (infinity, wildcard) has no form. */
    static JsonNode json(Value v) {
        try {
            return JsonValues.toJson(v);
        } catch (IllegalArgumentException e) {
            throw OpTree.noForm("the value " + v);
        }
    }
}
