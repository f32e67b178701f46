package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.core.AerologException;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The items and answers of {@code POST /v1/batch} as Aerospike's REST gateway shapes them. A request is a
 * JSON array of batch records ({@code BatchRead}, {@code BatchWrite}, {@code BatchDelete}, {@code BatchUDF}),
 * each {@code {"type": "READ" | "WRITE" | "DELETE" | "UDF", "key": {...}, ...}} with its own policy (a UDF
 * names {@code packageName}, {@code functionName} and its {@code functionArgs})
 * ({@code filterExp} in base64, and for writes the exists action, generation check, expiration, durable
 * delete and send key); a READ names {@code binNames}, {@code readAllBins} or an {@code opsList} of reads
 * (with none of them, all bins), a WRITE an {@code opsList} (typed operations, see {@link OperationJson}).
 * The answer is {@code {"batchRecords": [...]}}, one result per item in order: its key, {@code resultCode}
 * and {@code resultCodeString} (the code's name), {@code record} ({@code {bins, generation, ttl}} or null),
 * {@code inDoubt}, and from Aerolog a {@code message} on failures and a written key's
 * {@code consistencyToken}.
 */
public final class BatchJson {
    /** The field of a batch answer that holds the results (and that a request may wrap its items in). */
    public static final String RECORDS = "batchRecords";
    /** Aerospike's client's code for a key a batch did not attempt (respondAllKeys off, after a failure). */
    public static final int NO_RESPONSE = -15;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BatchJson() {
    }

    /** What one item of a batch does. */
    public enum Kind { READ, WRITE, DELETE, UDF }

    /**
     * A UDF call of a batch item: the package (module file name without {@code .lua}), the function and its
     * arguments.
     */
    public record Udf(String packageName, String functionName, List<Value> args) {
        public Udf {
            Objects.requireNonNull(packageName, "packageName");
            Objects.requireNonNull(functionName, "functionName");
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    /**
     * One item of a batch: its kind and key; for a READ the bins to read (null for all) or its read
     * operations; for a WRITE its operations; for a UDF its call; for a WRITE, DELETE or UDF its write
     * policy; and its filter expression (null for none).
     */
    public record Item(Kind kind, Key key, List<String> binNames, List<Operation> operations, WritePolicy policy,
                       Value filter, Udf udf) {
        public Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            binNames = binNames == null ? null : List.copyOf(binNames);
            operations = operations == null ? List.of() : List.copyOf(operations);
            policy = policy == null ? WritePolicy.DEFAULT : policy;
            if ((kind == Kind.UDF) != (udf != null)) {
                throw new IllegalArgumentException("a UDF item, and only a UDF item, carries a call");
            }
        }

        /** A read of all bins ({@code binNames} null) or of the named ones. */
        public static Item read(Key key, List<String> binNames) {
            return new Item(Kind.READ, key, binNames, null, null, null, null);
        }

        /** A read by operations (bin reads, list, map, bit, HyperLogLog and expression reads). */
        public static Item readOperations(Key key, List<Operation> operations) {
            return new Item(Kind.READ, key, null, operations, null, null, null);
        }

        public static Item write(Key key, WritePolicy policy, List<Operation> operations) {
            return new Item(Kind.WRITE, key, null, operations, policy, null, null);
        }

        public static Item delete(Key key, WritePolicy policy) {
            return new Item(Kind.DELETE, key, null, null, policy, null, null);
        }

        /** A call of a record UDF on {@code key}. */
        public static Item udf(Key key, WritePolicy policy, Udf call) {
            return new Item(Kind.UDF, key, null, null, policy, null, call);
        }

        public Item withFilter(Value expression) {
            return new Item(kind, key, binNames, operations, policy, expression, udf);
        }

        /** Whether the item goes through the namespace's log (a write, a delete or a UDF call). */
        public boolean writes() {
            return kind != Kind.READ;
        }
    }

    /**
     * The item in {@code node}; {@code batchFilter} (null for none) is the filter of an item that has none
     * of its own.
     *
     * @throws AerologException PARAMETER_ERROR naming {@code where} and the field that is wrong
     */
    public static Item fromJson(JsonNode node, String where, Value batchFilter) {
        if (node == null || !node.isObject()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, where + " must be an object such as"
                    + " {\"type\": \"READ\", \"key\": {\"namespace\": \"test\", \"setName\": \"s\", \"userKey\": \"k\"}}");
        }
        OpFields f = new OpFields(node, where);
        Kind kind = f.enumValue(Kind.class, Kind.READ, "type");
        Key key = KeyJson.fromJson(f.get("key"), where);
        Item item = switch (kind) {
            case READ -> read(f, key);
            case WRITE -> {
                List<Operation> ops = operations(f, where, true);
                yield Item.write(key, writePolicy(f, true, true), ops);
            }
            case DELETE -> Item.delete(key, writePolicy(f, false, false));
            case UDF -> Item.udf(key, writePolicy(f, false, true), udf(f, where));
        };
        Value filter = filter(f, where);
        f.checkAllRead();
        return item.withFilter(filter != null ? filter : batchFilter);
    }

    /** A UDF item's call: {@code packageName}, {@code functionName} and {@code functionArgs} (a JSON array). */
    private static Udf udf(OpFields f, String where) {
        JsonNode pkg = f.get("packageName");
        JsonNode fn = f.get("functionName");
        if (pkg == null || !pkg.isTextual() || pkg.textValue().isEmpty()) {
            throw f.fieldError("packageName", "must name the UDF module without .lua, such as \"counter\"");
        }
        if (fn == null || !fn.isTextual() || fn.textValue().isEmpty()) {
            throw f.fieldError("functionName", "must name the module's function");
        }
        JsonNode args = f.get("functionArgs");
        List<Value> values = new ArrayList<>();
        if (args != null && !args.isNull()) {
            if (!args.isArray()) {
                throw f.fieldError("functionArgs", "must be a JSON array of the function's arguments");
            }
            int i = 0;
            for (JsonNode a : args) {
                values.add(JsonValues.fromJson(a, where + " functionArgs[" + i++ + "]"));
            }
        }
        return new Udf(pkg.textValue(), fn.textValue(), values);
    }

    private static Item read(OpFields f, Key key) {
        boolean all = f.bool("readAllBins");
        JsonNode names = f.get("binNames");
        List<Operation> ops = f.has("opsList") ? operations(f, f.where(), false) : null;
        readPolicy(f);
        if (all) {
            return Item.read(key, null);
        }
        if (ops != null) {
            return Item.readOperations(key, ops);
        }
        if (names == null) {
            return Item.read(key, null);
        }
        if (!names.isArray()) {
            throw f.fieldError("binNames", "must be a JSON array of bin names");
        }
        List<String> bins = new ArrayList<>();
        for (JsonNode n : names) {
            if (!n.isTextual()) {
                throw f.fieldError("binNames", "must hold bin names (strings), got " + OpFields.abbreviate(n));
            }
            bins.add(n.textValue());
        }
        return Item.read(key, bins);
    }

    private static List<Operation> operations(OpFields f, String where, boolean write) {
        JsonNode list = f.get("opsList");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw f.error(where + (write ? ": a WRITE" : ": a READ's opsList") + " needs \"opsList\", a non-empty"
                    + " JSON array of operations");
        }
        if (list.size() > OperationJson.MAX_OPERATIONS) {
            throw f.error(where + ": an opsList carries at most " + OperationJson.MAX_OPERATIONS + " operations, got "
                    + list.size());
        }
        List<Operation> ops = new ArrayList<>(list.size());
        int i = 0;
        for (JsonNode op : list) {
            Operation o = OperationJson.fromJson(op, where + " opsList[" + i++ + "]");
            if (!write && o.type().isWrite()) {
                throw f.error(where + ": a READ's opsList reads only, but it has " + o.type()
                        + " (use a WRITE for operations that write)");
            }
            ops.add(o);
        }
        return ops;
    }

    private static void readPolicy(OpFields f) {
        JsonNode p = f.get("policy");
        if (p == null) {
            return;
        }
        OpFields pf = new OpFields(p, f.where() + " policy", "filterExp");
        // one copy answers every read of a key: both read modes are served as they read
        pf.get("readModeAP", "readModeSC");
        pf.checkAllRead();
    }

    /** A write item's policy; {@code write} a WRITE's (exists action), {@code expires} one that sets the TTL. */
    private static WritePolicy writePolicy(OpFields f, boolean write, boolean expires) {
        JsonNode p = f.get("policy");
        if (p == null) {
            return WritePolicy.DEFAULT;
        }
        OpFields pf = new OpFields(p, f.where() + " policy", "filterExp");
        RecordExistsAction action = write ? pf.enumValue(RecordExistsAction.class, RecordExistsAction.UPDATE,
                "recordExistsAction") : RecordExistsAction.UPDATE;
        GenerationPolicy gen = pf.enumValue(GenerationPolicy.class, GenerationPolicy.NONE, "generationPolicy");
        Integer generation = pf.optionalInt("generation");
        if (gen != GenerationPolicy.NONE && generation == null) {
            throw pf.error(pf.where() + ": generationPolicy " + gen + " needs the expected \"generation\"");
        }
        Integer expiration = expires ? pf.optionalInt("expiration") : null;
        boolean durable = pf.bool("durableDelete");
        boolean sendKey = pf.bool("sendKey");
        JsonNode level = pf.get("commitLevel");
        if (level != null && !level.asText().equals("COMMIT_ALL") && !level.asText().equals("COMMIT_MASTER")) {
            throw pf.fieldError("commitLevel", "'" + OpFields.abbreviate(level) + "' is not COMMIT_ALL or COMMIT_MASTER");
        }
        if (write && pf.bool("onLockingOnly")) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, pf.where()
                    + ": onLockingOnly is for multi-record transactions, which Aerolog does not serve");
        }
        pf.checkAllRead();
        return new WritePolicy(action, gen, generation == null ? 0 : generation, expiration == null ? 0 : expiration,
                durable, sendKey);
    }

    private static Value filter(OpFields f, String where) {
        JsonNode policy = f.get("policy");
        JsonNode exp = policy == null ? null : policy.get("filterExp");
        if (exp == null || exp.isNull()) {
            return null;
        }
        if (!exp.isTextual()) {
            throw f.fieldError("policy.filterExp", "must be the base64 of a packed expression");
        }
        return ExpJson.filter(exp.textValue(), where + " policy.filterExp");
    }

    /** The typed JSON of {@code item}, as the gateway reads it. */
    public static ObjectNode toJson(Item item) {
        ObjectNode o = NODES.objectNode();
        o.put("type", item.kind().name());
        o.set("key", KeyJson.toJson(item.key()));
        ObjectNode policy = NODES.objectNode();
        switch (item.kind()) {
            case READ -> {
                if (!item.operations().isEmpty()) {
                    o.set("opsList", typedOps(item.operations()));
                } else if (item.binNames() == null) {
                    o.put("readAllBins", true);
                } else {
                    ArrayNode names = o.putArray("binNames");
                    item.binNames().forEach(names::add);
                }
            }
            case WRITE -> {
                o.set("opsList", typedOps(item.operations()));
                putWritePolicy(policy, item.policy(), true, true);
            }
            case DELETE -> putWritePolicy(policy, item.policy(), false, false);
            case UDF -> {
                o.put("packageName", item.udf().packageName());
                o.put("functionName", item.udf().functionName());
                ArrayNode args = o.putArray("functionArgs");
                item.udf().args().forEach(a -> args.add(JsonValues.toJson(a)));
                putWritePolicy(policy, item.policy(), false, true);
            }
        }
        if (item.filter() instanceof Value.BytesValue b) {
            policy.put("filterExp", Base64.getEncoder().encodeToString(b.value()));
        }
        if (!policy.isEmpty()) {
            o.set("policy", policy);
        }
        return o;
    }

    private static ArrayNode typedOps(List<Operation> ops) {
        ArrayNode a = NODES.arrayNode();
        ops.forEach(op -> a.add(OperationJson.toTypedJson(op)));
        return a;
    }

    private static void putWritePolicy(ObjectNode p, WritePolicy w, boolean write, boolean expires) {
        if (write && w.recordExistsAction() != RecordExistsAction.UPDATE) {
            p.put("recordExistsAction", w.recordExistsAction().name());
        }
        if (w.generationPolicy() != GenerationPolicy.NONE) {
            p.put("generationPolicy", w.generationPolicy().name());
            p.put("generation", w.generation());
        }
        if (expires && w.expiration() != 0) {
            p.put("expiration", w.expiration());
        }
        if (w.durableDelete()) {
            p.put("durableDelete", true);
        }
        if (w.sendKey()) {
            p.put("sendKey", true);
        }
    }

    // ---- answers

    /**
     * One item's answer: Aerospike's result code (its number, for codes Aerolog does not name), a message on
     * failures, the record ({@code {bins, generation, ttl}}; null when none), whether a write may have been
     * applied though it failed, and a write's consistency token (null otherwise).
     */
    public record Result(int resultCode, String message, RecordJson.Read record, boolean inDoubt,
                         String consistencyToken) {
        public boolean isOk() {
            return resultCode == ResultCode.OK.code();
        }
    }

    /** The JSON of one item's answer. {@code record} is null when the item has none. */
    public static ObjectNode resultJson(JsonNode key, int resultCode, String message, ObjectNode record, boolean inDoubt,
                                        String consistencyToken) {
        ObjectNode o = NODES.objectNode();
        o.set("key", key);
        o.put("resultCode", resultCode);
        o.put("resultCodeString", codeName(resultCode));
        if (record == null) {
            o.putNull("record");
        } else {
            o.set("record", record);
        }
        o.put("inDoubt", inDoubt);
        if (message != null) {
            o.put("message", message);
        }
        if (consistencyToken != null) {
            o.put("consistencyToken", consistencyToken);
        }
        return o;
    }

    /** The JSON of a failed item. */
    public static ObjectNode failure(JsonNode key, AerologException e) {
        return resultJson(key, e.resultCode().code(), e.getMessage(), null, e.inDoubt(), null);
    }

    /** A result read back from its JSON; {@code where} names it in errors (PARSE_ERROR). */
    public static Result result(JsonNode node, String where) {
        if (node == null || !node.isObject() || !node.path("resultCode").canConvertToInt()) {
            throw new AerologException(ResultCode.PARSE_ERROR, where + ": expected a batch result with a resultCode, got "
                    + node);
        }
        JsonNode record = node.get("record");
        RecordJson.Read r = record == null || record.isNull() ? null : RecordJson.read(record, where);
        return new Result(node.get("resultCode").asInt(), node.path("message").asText(null), r,
                node.path("inDoubt").asBoolean(false), node.path("consistencyToken").asText(null));
    }

    private static String codeName(int code) {
        ResultCode rc = ResultCode.of(code);
        if (rc.code() == code) {
            return rc.name();
        }
        return code == NO_RESPONSE ? "NO_RESPONSE" : "RESULT_CODE_" + code;
    }
}
