package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an Aerospike message asks, in Aerolog's terms: its key, and for a write the command (operations
 * and write policy) that goes to the namespace's log. Aerospike's header flags map one to one onto
 * {@link WritePolicy}; operations Aerolog does not implement (list, map, bit, HyperLogLog and
 * expression operations) are refused with UNSUPPORTED_FEATURE.
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

    private Commands() {
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
        return new Command(null, null, key, ops, policy(r, key), 0);
    }

    private static Operation operation(Request.Op op, boolean getAll) {
        return switch (op.type()) {
            case OP_READ -> op.bin() != null ? Operation.read(op.bin())
                    : getAll ? Operation.readAll() : Operation.readHeader();
            case OP_WRITE -> Operation.write(bin(op), value(op));
            case OP_ADD -> Operation.add(bin(op), value(op));
            case OP_APPEND -> Operation.append(bin(op), value(op));
            case OP_PREPEND -> Operation.prepend(bin(op), value(op));
            case OP_TOUCH -> Operation.touch();
            case OP_DELETE -> Operation.delete();
            case OP_CDT_READ, OP_CDT_MODIFY -> unsupported("list and map operations");
            case OP_EXP_READ, OP_EXP_MODIFY -> unsupported("expression operations");
            case OP_BIT_READ, OP_BIT_MODIFY -> unsupported("bit operations");
            case OP_HLL_READ, OP_HLL_MODIFY -> unsupported("HyperLogLog operations");
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, "unknown operation type " + op.type());
        };
    }

    private static Operation unsupported(String what) {
        throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, what + " are not supported by Aerolog yet");
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
