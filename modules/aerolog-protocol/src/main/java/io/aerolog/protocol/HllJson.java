package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The REST gateway's HyperLogLog operations (HLL_INIT ... HLL_DESCRIBE) and the payloads Aerospike's Java
 * client packs for them ({@code HLLOperation}). HyperLogLogs given as arguments are base64 strings (or
 * {@code {"$hll": ...}}); the payload carries them as blobs, as the server reads the client's. The gateway
 * always writes with the default policy; {@code "hllPolicy": {"writeFlags": [...]}} (an Aerolog addition)
 * carries the others.
 */
final class HllJson {
    static final int INIT = 0;
    static final int ADD = 1;
    static final int SET_UNION = 2;
    static final int SET_COUNT = 3;
    static final int FOLD = 4;
    static final int COUNT = 50;
    static final int UNION = 51;
    static final int UNION_COUNT = 52;
    static final int INTERSECT_COUNT = 53;
    static final int SIMILARITY = 54;
    static final int DESCRIBE = 55;

    private HllJson() {
    }

    enum WriteFlag implements OpFields.Flag {
        DEFAULT(0), CREATE_ONLY(1), UPDATE_ONLY(2), NO_FAIL(4), ALLOW_FOLD(8);

        private final int bits;

        WriteFlag(int bits) {
            this.bits = bits;
        }

        @Override
        public int bits() {
            return bits;
        }
    }

    /** The operation {@code name} (an HLL_ name) with fields {@code f}; null for another name. */
    static Operation fromJson(String name, OpFields f) {
        String bin = f.requiredBin();
        Value tree = switch (name) {
            case "HLL_INIT" -> {
                int index = f.requiredInt("indexBitCount");
                Integer minHash = f.optionalInt("minHashBitCount");
                yield OpTree.of(null, INIT, index, minHash == null ? -1 : minHash, policy(f));
            }
            case "HLL_ADD" -> {
                Value values = f.values("values");
                Integer index = f.optionalInt("indexBitCount");
                Integer minHash = f.optionalInt("minHashBitCount");
                yield OpTree.of(null, ADD, values, index == null ? -1 : index, minHash == null ? -1 : minHash, policy(f));
            }
            case "HLL_SET_UNION" -> {
                Value hlls = hlls(f);
                yield OpTree.of(null, SET_UNION, hlls, policy(f));
            }
            case "HLL_SET_COUNT" -> OpTree.of(null, SET_COUNT);
            case "HLL_FOLD" -> OpTree.of(null, FOLD, f.requiredInt("indexBitCount"));
            case "HLL_COUNT" -> OpTree.of(null, COUNT);
            case "HLL_UNION" -> OpTree.of(null, UNION, hlls(f));
            case "HLL_UNION_COUNT" -> OpTree.of(null, UNION_COUNT, hlls(f));
            case "HLL_INTERSECT_COUNT" -> OpTree.of(null, INTERSECT_COUNT, hlls(f));
            case "HLL_SIMILARITY" -> OpTree.of(null, SIMILARITY, hlls(f));
            case "HLL_DESCRIBE" -> OpTree.of(null, DESCRIBE);
            default -> null;
        };
        if (tree == null) {
            return null;
        }
        int code = OpTree.parts(tree).code();
        return new Operation(code >= COUNT ? OperationType.HLL_READ : OperationType.HLL_MODIFY, bin, tree);
    }

    /** {@code values}: HyperLogLogs in base64, as a list of blobs. */
    private static Value hlls(OpFields f) {
        JsonNode v = f.required("values");
        if (!v.isArray()) {
            throw f.fieldError("values", "must be a JSON array of base64 HyperLogLogs");
        }
        List<Value> out = new ArrayList<>(v.size());
        int i = 0;
        for (JsonNode item : v) {
            out.add(Value.of(f.bytesOf(item, "values[" + i++ + "]")));
        }
        return new Value.ListValue(out);
    }

    private static int policy(OpFields f) {
        JsonNode p = f.get("hllPolicy");
        if (p == null) {
            return 0;
        }
        OpFields pf = new OpFields(p, f.where() + " hllPolicy");
        int flags = pf.flags(WriteFlag.class, "writeFlags");
        pf.checkAllRead();
        return flags;
    }

    private static void putPolicy(Rendered r, int flags) {
        ArrayNode names = CdtArgs.flagNames(WriteFlag.class, flags);
        if (!names.isEmpty()) {
            r.fields().putObject("hllPolicy").set("writeFlags", names);
        }
    }

    /** The name and fields of a HyperLogLog operation's payload. */
    static Rendered toJson(Operation op, OpTree.Parts p) {
        p.noContext();
        String bin = op.bin();
        Rendered r;
        switch (p.code()) {
            case INIT -> {
                r = Rendered.of("HLL_INIT", bin);
                p.arity(3, 3);
                r.fields().put("indexBitCount", p.intArg(0));
                if (p.intArg(1) != -1) {
                    r.fields().put("minHashBitCount", p.intArg(1));
                }
                putPolicy(r, p.intArg(2));
            }
            case ADD -> {
                r = Rendered.of("HLL_ADD", bin);
                p.arity(4, 4);
                r.fields().set("values", CdtArgs.json(p.arg(0)));
                if (p.intArg(1) != -1) {
                    r.fields().put("indexBitCount", p.intArg(1));
                }
                if (p.intArg(2) != -1) {
                    r.fields().put("minHashBitCount", p.intArg(2));
                }
                putPolicy(r, p.intArg(3));
            }
            case SET_UNION -> {
                r = Rendered.of("HLL_SET_UNION", bin);
                p.arity(2, 2);
                putHlls(r, p);
                putPolicy(r, p.intArg(1));
            }
            case SET_COUNT, COUNT, DESCRIBE -> {
                r = Rendered.of(p.code() == SET_COUNT ? "HLL_SET_COUNT" : p.code() == COUNT ? "HLL_COUNT" : "HLL_DESCRIBE",
                        bin);
                p.arity(0, 0);
            }
            case FOLD -> {
                r = Rendered.of("HLL_FOLD", bin);
                p.arity(1, 1);
                r.fields().put("indexBitCount", p.intArg(0));
            }
            case UNION, UNION_COUNT, INTERSECT_COUNT, SIMILARITY -> {
                r = Rendered.of(switch (p.code()) {
                    case UNION -> "HLL_UNION";
                    case UNION_COUNT -> "HLL_UNION_COUNT";
                    case INTERSECT_COUNT -> "HLL_INTERSECT_COUNT";
                    default -> "HLL_SIMILARITY";
                }, bin);
                p.arity(1, 1);
                putHlls(r, p);
            }
            default -> throw OpTree.noForm("HyperLogLog operation code " + p.code());
        }
        return r;
    }

    private static void putHlls(Rendered r, OpTree.Parts p) {
        ArrayNode out = r.fields().putArray("values");
        for (Value v : p.listArg(0)) {
            byte[] bytes = v instanceof Value.BytesValue b ? b.value() : v instanceof Value.HllValue h ? h.value() : null;
            if (bytes == null) {
                throw OpTree.noForm("a HyperLogLog argument of type " + v.type());
            }
            out.add(Base64.getEncoder().encodeToString(bytes));
        }
    }
}
