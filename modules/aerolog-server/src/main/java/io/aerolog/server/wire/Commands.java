package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.MsgPack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What an Aerospike message asks, in Aerolog's terms: its key, its operations, its filter expression,
 * and for a write the command (operations and write policy) that goes to the namespace's log.
 * Aerospike's header flags map one to one onto {@link WritePolicy}.
 *
 * <p>Never silently wrong: every header flag, field type and operation type the protocol has is either
 * served here or refused with Aerospike's code for it ({@link #checkServed}, {@link #operation}); the
 * engine refuses the operations it does not serve yet by name. WireProtocolRulesTest walks them all.
 */
final class Commands {
    static final int OP_READ = 1;
    static final int OP_WRITE = 2;
    static final int OP_CDT_READ = 3;
    static final int OP_CDT_MODIFY = 4;
    static final int OP_ADD = 5;
    static final int OP_EXP_READ = 7;
    static final int OP_EXP_MODIFY = 8;
    static final int OP_APPEND = 9;
    static final int OP_PREPEND = 10;
    static final int OP_TOUCH = 11;
    static final int OP_BIT_READ = 12;
    static final int OP_BIT_MODIFY = 13;
    static final int OP_DELETE = 14;
    static final int OP_HLL_READ = 15;
    static final int OP_HLL_MODIFY = 16;

    /** Field types Aerospike's protocol has that a single-record command of Aerolog does not serve yet. */
    private static final Map<Integer, String> UNSERVED_FIELDS = Map.ofEntries(
            Map.entry(3, "record versions (multi-record transactions)"),
            Map.entry(5, "multi-record transactions"), Map.entry(6, "multi-record transactions"),
            Map.entry(14, "XDR writes"), Map.entry(24, "queries of an expression index"));

    private Commands() {
    }

    /**
     * Refuses what the message asks that Aerolog does not serve: transactions (info4) and XDR
     * (UNSUPPORTED_FEATURE), scan and query fields in a message with a key (the UDF_OP field of background UDF
     * jobs among them), and field types the protocol does not have (PARAMETER_ERROR). A record UDF's fields
     * (30-32) are {@link Request#udf()}. A scan or query ({@code scan}) may carry its fields ({@link ScanMessage}),
     * which reads a UDF over a scan or query as a job.
     */
    static void checkServed(Request r) {
        checkServed(r, false);
    }

    static void checkServed(Request r, boolean scan) {
        if (r.info4() != 0) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "multi-record transactions (info4 flags "
                    + r.info4() + ") are not served by Aerolog");
        }
        if ((r.info1() & Request.INFO1_XDR) != 0) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "XDR writes are not served by Aerolog");
        }
        for (int type : r.otherFields()) {
            if (ScanMessage.FIELDS.contains(type)) {
                if (scan) {
                    continue;
                }
                throw new AerologException(ResultCode.PARAMETER_ERROR, "field type " + type + " belongs to scans and"
                        + " queries, not to a message with a key");
            }
            String what = UNSERVED_FIELDS.get(type);
            if (what != null) {
                throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, what
                        + " are not served over the Aerospike protocol yet (field type " + type + ")");
            }
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the message carries field type " + type
                    + ", which Aerospike's protocol does not have");
        }
    }

    /** Whether Aerospike's client asked for a result for every operation, in order. */
    static boolean respondAllOps(Request r) {
        return (r.info2() & Request.INFO2_RESPOND_ALL_OPS) != 0;
    }

    /**
     * The operations of a read: those the message names, or (with none) all bins for a "get all", the
     * metadata only for a header read; PARAMETER_ERROR for a read that names no bin and asks neither.
     */
    static List<Operation> readOperations(Request r) {
        boolean getAll = (r.info1() & Request.INFO1_GET_ALL) != 0;
        boolean noBins = (r.info1() & Request.INFO1_NOBINDATA) != 0;
        if (r.ops().isEmpty()) {
            if (noBins) {
                return List.of(Operation.readHeader());
            }
            if (getAll) {
                return List.of(Operation.readAll());
            }
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a read that names no bin and asks for neither"
                    + " all bins nor the header (an empty bin list)");
        }
        List<Operation> ops = new ArrayList<>(r.ops().size());
        for (Request.Op op : r.ops()) {
            Operation o = operation(op, getAll);
            if (o.type().isWrite()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "operation type " + op.type()
                        + " writes, but the message has no write flag");
            }
            ops.add(o);
        }
        return ops;
    }

    /** The record's key: from the user key when the client sent it (checked against the digest), else the digest. */
    static Key key(Request r) {
        if (r.namespace() == null || r.namespace().isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the message names no namespace");
        }
        if (r.keyBytes() != null) {
            Value userKey = Particles.decode(r.keyType(), r.keyBytes(), 0, r.keyBytes().length);
            Key key = Key.ofUserKey(r.namespace(), r.set(), userKey);
            if (r.digest() != null && !Arrays.equals(key.digest().bytes(), r.digest())) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "the message's digest is not the digest of"
                        + " its user key in set '" + key.set() + "'");
            }
            return key;
        }
        if (r.digest() == null) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the message has neither a digest nor a user key");
        }
        return Key.ofDigest(r.namespace(), r.set(), Digest.of(r.digest()));
    }

    /** The write command of a message with the write flag. */
    static Command write(Request r, Key key) {
        List<Operation> ops = new ArrayList<>(r.ops().size() + 1);
        if ((r.info2() & Request.INFO2_DELETE) != 0) {
            ops.add(Operation.delete());
        }
        boolean getAll = (r.info1() & Request.INFO1_GET_ALL) != 0;
        for (Request.Op op : r.ops()) {
            ops.add(operation(op, getAll));
        }
        if (ops.isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a write without operations");
        }
        return new Command(null, null, key, ops, policy(r, key), 0, r.filter());
    }

    /**
     * The operation of a message's op: every type of Aerospike's protocol maps to one; list, map, bit,
     * HyperLogLog and expression operations carry their msgpack payload decoded to a value tree (the engine
     * serves or refuses them); a type the protocol does not have is PARAMETER_ERROR.
     */
    static Operation operation(Request.Op op, boolean getAll) {
        return switch (op.type()) {
            case OP_READ -> op.bin() != null ? Operation.read(op.bin())
                    : getAll ? Operation.readAll() : Operation.readHeader();
            case OP_WRITE -> Operation.write(bin(op), value(op));
            case OP_ADD -> Operation.add(bin(op), value(op));
            case OP_APPEND -> Operation.append(bin(op), value(op));
            case OP_PREPEND -> Operation.prepend(bin(op), value(op));
            case OP_TOUCH -> Operation.touch();
            case OP_DELETE -> Operation.delete();
            case OP_CDT_READ -> new Operation(OperationType.CDT_READ, bin(op), payload(op));
            case OP_CDT_MODIFY -> new Operation(OperationType.CDT_MODIFY, bin(op), payload(op));
            case OP_EXP_READ -> new Operation(OperationType.EXP_READ, bin(op), expression(op));
            case OP_EXP_MODIFY -> new Operation(OperationType.EXP_MODIFY, bin(op), expression(op));
            case OP_BIT_READ -> new Operation(OperationType.BIT_READ, bin(op), payload(op));
            case OP_BIT_MODIFY -> new Operation(OperationType.BIT_MODIFY, bin(op), payload(op));
            case OP_HLL_READ -> new Operation(OperationType.HLL_READ, bin(op), payload(op));
            case OP_HLL_MODIFY -> new Operation(OperationType.HLL_MODIFY, bin(op), payload(op));
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, "operation type " + op.type()
                    + " is not one of Aerospike's");
        };
    }

    /**
     * An expression operation's payload as the client packed it ({@code [expression, flags]} in msgpack): the
     * expression engine reads its bytes itself, since its names are not particle-typed strings.
     */
    private static Value expression(Request.Op op) {
        if (op.particleType() != Particles.BLOB) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "operation type " + op.type()
                    + " carries its msgpack payload as particle type " + op.particleType() + ", not a blob (4)");
        }
        return Value.of(java.util.Arrays.copyOfRange(op.buf(), op.valueOffset(), op.valueOffset() + op.valueLength()));
    }

    /** The msgpack payload of a list, map, bit or HyperLogLog operation, which clients send as a blob. */
    private static Value payload(Request.Op op) {
        if (op.particleType() != Particles.BLOB) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "operation type " + op.type()
                    + " carries its msgpack payload as particle type " + op.particleType() + ", not a blob (4)");
        }
        return MsgPack.unpack(op.buf(), op.valueOffset(), op.valueLength());
    }

    private static String bin(Request.Op op) {
        if (op.bin() == null) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "operation type " + op.type() + " names no bin");
        }
        return op.bin();
    }

    static Value value(Request.Op op) {
        return Particles.decode(op.particleType(), op.buf(), op.valueOffset(), op.valueLength());
    }

    /** Aerospike's write flags and header as a {@link WritePolicy}. */
    static WritePolicy policy(Request r, Key key) {
        RecordExistsAction action = RecordExistsAction.UPDATE;
        if ((r.info2() & Request.INFO2_CREATE_ONLY) != 0) {
            action = RecordExistsAction.CREATE_ONLY;
        } else if ((r.info3() & Request.INFO3_UPDATE_ONLY) != 0) {
            action = RecordExistsAction.UPDATE_ONLY;
        } else if ((r.info3() & Request.INFO3_CREATE_OR_REPLACE) != 0) {
            action = RecordExistsAction.REPLACE;
        } else if ((r.info3() & Request.INFO3_REPLACE_ONLY) != 0) {
            action = RecordExistsAction.REPLACE_ONLY;
        }
        GenerationPolicy generation = GenerationPolicy.NONE;
        if ((r.info2() & Request.INFO2_GENERATION) != 0) {
            generation = GenerationPolicy.EXPECT_GEN_EQUAL;
        } else if ((r.info2() & Request.INFO2_GENERATION_GT) != 0) {
            generation = GenerationPolicy.EXPECT_GEN_GT;
        }
        return new WritePolicy(action, generation, r.generation(), r.recordTtl(),
                (r.info2() & Request.INFO2_DURABLE_DELETE) != 0, key.userKey() != null);
    }
}
