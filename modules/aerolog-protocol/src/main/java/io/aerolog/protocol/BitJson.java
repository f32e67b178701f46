package io.aerolog.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Value;
import java.util.Base64;

/**
 * The REST gateway's bit operations on bytes bins (BIT_RESIZE ... BIT_GET_INT) and the payloads Aerospike's
 * Java client packs for them ({@code BitOperation}). Bytes are base64. The gateway always writes with the
 * default bit policy; {@code "bitPolicy": {"writeFlags": [...]}} (an Aerolog addition) carries the others.
 */
final class BitJson {
    static final int RESIZE = 0;
    static final int INSERT = 1;
    static final int REMOVE = 2;
    static final int SET = 3;
    static final int OR = 4;
    static final int XOR = 5;
    static final int AND = 6;
    static final int NOT = 7;
    static final int LSHIFT = 8;
    static final int RSHIFT = 9;
    static final int ADD = 10;
    static final int SUBTRACT = 11;
    static final int SET_INT = 12;
    static final int GET = 50;
    static final int COUNT = 51;
    static final int LSCAN = 52;
    static final int RSCAN = 53;
    static final int GET_INT = 54;
    private static final int SIGNED = 1;

    private BitJson() {
    }

    enum WriteFlag implements OpFields.Flag {
        DEFAULT(0), CREATE_ONLY(1), UPDATE_ONLY(2), NO_FAIL(4), PARTIAL(8);

        private final int bits;

        WriteFlag(int bits) {
            this.bits = bits;
        }

        @Override
        public int bits() {
            return bits;
        }
    }

    enum ResizeFlag implements OpFields.Flag {
        DEFAULT(0), FROM_FRONT(1), GROW_ONLY(2), SHRINK_ONLY(4);

        private final int bits;

        ResizeFlag(int bits) {
            this.bits = bits;
        }

        @Override
        public int bits() {
            return bits;
        }
    }

    /** Aerospike's {@code BitOverflowAction}. */
    enum Overflow {
        FAIL(0), SATURATE(2), WRAP(4);

        final int flags;

        Overflow(int flags) {
            this.flags = flags;
        }
    }

    /** The operation {@code name} (a BIT_ name) with fields {@code f}; null for another name. */
    static Operation fromJson(String name, OpFields f) {
        String bin = f.requiredBin();
        Value tree = switch (name) {
            case "BIT_RESIZE" -> {
                int byteSize = f.requiredInt("byteSize");
                JsonNode rf = f.get("resizeFlags");
                int resizeFlags = rf == null ? 0 : rf.isIntegralNumber() ? f.requiredInt("resizeFlags")
                        : f.flagsOf(ResizeFlag.class, rf, "resizeFlags");
                yield OpTree.of(null, RESIZE, byteSize, policy(f), resizeFlags);
            }
            case "BIT_INSERT" -> {
                int offset = f.requiredInt("byteOffset");
                byte[] v = f.bytes("value");
                yield OpTree.of(null, INSERT, offset, v, policy(f));
            }
            case "BIT_REMOVE" -> {
                int offset = f.requiredInt("byteOffset");
                int size = f.requiredInt("byteSize");
                yield OpTree.of(null, REMOVE, offset, size, policy(f));
            }
            case "BIT_SET", "BIT_OR", "BIT_XOR", "BIT_AND" -> {
                int code = switch (name) {
                    case "BIT_SET" -> SET;
                    case "BIT_OR" -> OR;
                    case "BIT_XOR" -> XOR;
                    default -> AND;
                };
                int offset = f.requiredInt("bitOffset");
                int size = f.requiredInt("bitSize");
                byte[] v = f.bytes("value");
                yield OpTree.of(null, code, offset, size, v, policy(f));
            }
            case "BIT_NOT" -> {
                int offset = f.requiredInt("bitOffset");
                int size = f.requiredInt("bitSize");
                yield OpTree.of(null, NOT, offset, size, policy(f));
            }
            case "BIT_LSHIFT", "BIT_RSHIFT" -> {
                int offset = f.requiredInt("bitOffset");
                int size = f.requiredInt("bitSize");
                int shift = f.requiredInt("shift");
                yield OpTree.of(null, name.equals("BIT_LSHIFT") ? LSHIFT : RSHIFT, offset, size, shift, policy(f));
            }
            case "BIT_ADD", "BIT_SUBTRACT" -> {
                int offset = f.requiredInt("bitOffset");
                int size = f.requiredInt("bitSize");
                long value = f.requiredLong("value");
                boolean signed = f.bool("signed");
                Overflow action = f.enumValue(Overflow.class, Overflow.FAIL, "action", "bitOverflowAction");
                yield OpTree.of(null, name.equals("BIT_ADD") ? ADD : SUBTRACT, offset, size, value, policy(f),
                        action.flags | (signed ? SIGNED : 0));
            }
            case "BIT_SET_INT" -> {
                int offset = f.requiredInt("bitOffset");
                int size = f.requiredInt("bitSize");
                long value = f.requiredLong("value");
                yield OpTree.of(null, SET_INT, offset, size, value, policy(f));
            }
            case "BIT_GET", "BIT_COUNT" -> OpTree.of(null, name.equals("BIT_GET") ? GET : COUNT,
                    f.requiredInt("bitOffset"), f.requiredInt("bitSize"));
            case "BIT_LSCAN", "BIT_RSCAN" -> OpTree.of(null, name.equals("BIT_LSCAN") ? LSCAN : RSCAN,
                    f.requiredInt("bitOffset"), f.requiredInt("bitSize"), f.bool("value"));
            case "BIT_GET_INT" -> {
                int offset = f.requiredInt("bitOffset");
                int size = f.requiredInt("bitSize");
                yield f.bool("signed") ? OpTree.of(null, GET_INT, offset, size, SIGNED)
                        : OpTree.of(null, GET_INT, offset, size);
            }
            default -> null;
        };
        if (tree == null) {
            return null;
        }
        int code = OpTree.parts(tree).code();
        return new Operation(code >= GET ? OperationType.BIT_READ : OperationType.BIT_MODIFY, bin, tree);
    }

    private static int policy(OpFields f) {
        JsonNode p = f.get("bitPolicy");
        if (p == null) {
            return 0;
        }
        OpFields pf = new OpFields(p, f.where() + " bitPolicy");
        int flags = pf.flags(WriteFlag.class, "writeFlags");
        pf.checkAllRead();
        return flags;
    }

    private static void putPolicy(Rendered r, int flags) {
        ArrayNode names = CdtArgs.flagNames(WriteFlag.class, flags);
        if (!names.isEmpty()) {
            r.fields().putObject("bitPolicy").set("writeFlags", names);
        }
    }

    /** The name and fields of a bit operation's payload. */
    static Rendered toJson(Operation op, OpTree.Parts p) {
        p.noContext();
        String bin = op.bin();
        Rendered r;
        switch (p.code()) {
            case RESIZE -> {
                r = Rendered.of("BIT_RESIZE", bin);
                p.arity(3, 3);
                r.fields().put("byteSize", p.intArg(0));
                r.fields().put("resizeFlags", p.intArg(2));
                putPolicy(r, p.intArg(1));
            }
            case INSERT -> {
                r = Rendered.of("BIT_INSERT", bin);
                p.arity(3, 3);
                r.fields().put("byteOffset", p.intArg(0));
                r.fields().put("value", Base64.getEncoder().encodeToString(p.bytesArg(1)));
                putPolicy(r, p.intArg(2));
            }
            case REMOVE -> {
                r = Rendered.of("BIT_REMOVE", bin);
                p.arity(3, 3);
                r.fields().put("byteOffset", p.intArg(0));
                r.fields().put("byteSize", p.intArg(1));
                putPolicy(r, p.intArg(2));
            }
            case SET, OR, XOR, AND -> {
                r = Rendered.of(switch (p.code()) {
                    case SET -> "BIT_SET";
                    case OR -> "BIT_OR";
                    case XOR -> "BIT_XOR";
                    default -> "BIT_AND";
                }, bin);
                p.arity(4, 4);
                bits(r, p);
                r.fields().put("value", Base64.getEncoder().encodeToString(p.bytesArg(2)));
                putPolicy(r, p.intArg(3));
            }
            case NOT -> {
                r = Rendered.of("BIT_NOT", bin);
                p.arity(3, 3);
                bits(r, p);
                putPolicy(r, p.intArg(2));
            }
            case LSHIFT, RSHIFT -> {
                r = Rendered.of(p.code() == LSHIFT ? "BIT_LSHIFT" : "BIT_RSHIFT", bin);
                p.arity(4, 4);
                bits(r, p);
                r.fields().put("shift", p.intArg(2));
                putPolicy(r, p.intArg(3));
            }
            case ADD, SUBTRACT -> {
                r = Rendered.of(p.code() == ADD ? "BIT_ADD" : "BIT_SUBTRACT", bin);
                p.arity(5, 5);
                bits(r, p);
                r.fields().put("value", p.longArg(2));
                putPolicy(r, p.intArg(3));
                int flags = p.intArg(4);
                if ((flags & SIGNED) != 0) {
                    r.fields().put("signed", true);
                }
                Overflow action = null;
                for (Overflow o : Overflow.values()) {
                    if (o.flags == (flags & ~SIGNED)) {
                        action = o;
                    }
                }
                if (action == null) {
                    throw OpTree.noForm("bit overflow flags " + flags);
                }
                if (action != Overflow.FAIL) {
                    r.fields().put("action", action.name());
                }
            }
            case SET_INT -> {
                r = Rendered.of("BIT_SET_INT", bin);
                p.arity(4, 4);
                bits(r, p);
                r.fields().put("value", p.longArg(2));
                putPolicy(r, p.intArg(3));
            }
            case GET, COUNT -> {
                r = Rendered.of(p.code() == GET ? "BIT_GET" : "BIT_COUNT", bin);
                p.arity(2, 2);
                bits(r, p);
            }
            case LSCAN, RSCAN -> {
                r = Rendered.of(p.code() == LSCAN ? "BIT_LSCAN" : "BIT_RSCAN", bin);
                p.arity(3, 3);
                bits(r, p);
                r.fields().put("value", p.boolArg(2));
            }
            case GET_INT -> {
                r = Rendered.of("BIT_GET_INT", bin);
                p.arity(2, 3);
                bits(r, p);
                if (p.size() == 3) {
                    if (p.intArg(2) != SIGNED) {
                        throw OpTree.noForm("BIT_GET_INT flags " + p.intArg(2));
                    }
                    r.fields().put("signed", true);
                }
            }
            default -> throw OpTree.noForm("bit operation code " + p.code());
        }
        return r;
    }

    private static void bits(Rendered r, OpTree.Parts p) {
        r.fields().put("bitOffset", p.intArg(0));
        r.fields().put("bitSize", p.intArg(1));
    }
}
