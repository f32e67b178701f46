package io.aerolog.core.hll.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.BinOpResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Aerospike's HyperLogLog operations on an HLL bin, step for step as the server's {@code particle_hll.c}
 * runs them: read the op code ({@code hll_state_init}), check the bin ({@code hll_verify_bin}), read the
 * arguments ({@code hll_parse_op}), apply the write flags, size the result ({@code hll_modify_prepare_*})
 * and apply it.
 */
public final class HllEngine {
    private HllEngine() {
    }

    /** What a read operation returns from {@code bin}; null when the bin is absent. */
    public static Value read(Value bin, Value operation) {
        if (absent(bin)) {
            return null;
        }
        HllOp op = HllOp.start(operation, false);
        byte[] bytes = verified(bin);
        op.readArguments();
        Sketch sketch = Sketch.view(bytes);
        if (op.sketches.size() > 2 && (op.def == HllOpDef.INTERSECT_COUNT || op.def == HllOpDef.SIMILARITY)) {
            int minhash = op.sketches.get(0).minhashBits();
            if (sketch.minhashBits() == 0 || sketch.minhashBits() != minhash) {
                throw new AerologException(ResultCode.OP_NOT_APPLICABLE, op.def.wireName + " of more than 2 HLLs"
                        + " needs the bin's minhash bits to be theirs (" + minhash + "), not " + sketch.minhashBits());
            }
        }
        List<Sketch> all = new ArrayList<>(op.sketches);
        all.add(sketch);
        return switch (op.def) {
            case COUNT -> Value.of(sketch.estimate());
            case GET_UNION -> new Value.HllValue(Sketch.unionOf(all).toBytes());
            case UNION_COUNT -> Value.of(Sketch.unionCardinality(all));
            case INTERSECT_COUNT -> Value.of(Sketch.intersectCardinality(all));
            case SIMILARITY -> Value.of(Sketch.similarity(all));
            case DESCRIBE -> new Value.ListValue(List.of(Value.of(sketch.indexBits()), Value.of(sketch.minhashBits())));
            case MAY_CONTAIN -> {
                long all1 = 1;
                for (byte[] e : op.elements) {
                    if (!sketch.mayContain(e)) {
                        all1 = 0;
                        break;
                    }
                }
                yield Value.of(all1);
            }
            default -> throw new IllegalStateException(op.def + " is not a read operation");
        };
    }

    /** The bin after a modify operation (null when left absent), and what it returns. */
    public static BinOpResult modify(Value bin, Value operation) {
        HllOp op = HllOp.start(operation, true);
        boolean live = !absent(bin);
        byte[] oldBytes = live ? verified(bin) : null;
        op.readArguments();
        BinOpResult unchanged = new BinOpResult(live ? bin : null, null);
        boolean noFail = (op.flags & HllFlags.NO_FAIL) != 0;
        if (live && (op.flags & HllFlags.CREATE_ONLY) != 0) {
            if (noFail) {
                return unchanged;
            }
            throw new AerologException(ResultCode.BIN_EXISTS_ERROR, op.def.wireName
                    + " with CREATE_ONLY on a bin that exists");
        }
        if (!live && (op.flags & HllFlags.UPDATE_ONLY) != 0) {
            if (noFail) {
                return unchanged;
            }
            throw new AerologException(ResultCode.BIN_NOT_FOUND, op.def.wireName
                    + " with UPDATE_ONLY on a bin that does not exist");
        }
        Sketch old = live ? Sketch.view(oldBytes) : null;
        prepare(op, old);
        Sketch result;
        Value returned = null;
        switch (op.def) {
            case INIT -> result = Sketch.empty(op.indexBits, op.minhashBits);
            case ADD -> {
                result = old == null ? Sketch.empty(op.indexBits, op.minhashBits) : Sketch.copyOf(oldBytes);
                long added = 0;
                for (byte[] e : op.elements) {
                    if (result.add(e)) {
                        added++;
                    }
                }
                returned = Value.of(added);
            }
            case SET_UNION -> {
                List<Sketch> all = new ArrayList<>(op.sketches);
                if (old != null) {
                    all.add(old);
                }
                result = Sketch.unionOf(all);
            }
            case REFRESH_COUNT -> {
                result = Sketch.copyOf(oldBytes);
                result.setCache(result.estimate());
                returned = Value.of(result.cache());
            }
            case FOLD -> {
                if (op.indexBits == old.indexBits()) {
                    result = Sketch.copyOf(oldBytes);
                } else {
                    result = Sketch.empty(op.indexBits, 0);
                    result.union(old);
                }
            }
            default -> throw new IllegalStateException(op.def + " is not a modify operation");
        }
        return new BinOpResult(new Value.HllValue(result.toBytes()), returned);
    }

    /** The server's {@code hll_modify_prepare_*}: the description of the result, or a refusal. */
    private static void prepare(HllOp op, Sketch old) {
        switch (op.def) {
            case INIT, ADD -> {
                if (old == null) {
                    if (op.indexBits == HllFlags.UNSET) {
                        throw new AerologException(ResultCode.OP_NOT_APPLICABLE, op.def.wireName
                                + " cannot create an HLL bin without an index bit count");
                    }
                    if (op.minhashBits == HllFlags.UNSET) {
                        op.minhashBits = 0;
                    }
                } else if (op.def == HllOpDef.ADD) {
                    op.indexBits = old.indexBits();
                    op.minhashBits = old.minhashBits();
                } else {
                    if (op.indexBits == HllFlags.UNSET) {
                        op.indexBits = old.indexBits();
                    }
                    if (op.minhashBits == HllFlags.UNSET) {
                        op.minhashBits = old.minhashBits();
                    }
                    if (!Sketch.validCombinedBits(op.indexBits, op.minhashBits)) {
                        throw new AerologException(ResultCode.OP_NOT_APPLICABLE, "hll_init would leave index bits "
                                + op.indexBits + " and minhash bits " + op.minhashBits
                                + ", more than " + Sketch.MAX_INDEX_AND_MINHASH_BITS + " together");
                    }
                }
            }
            case SET_UNION -> {
                if (old == null || (op.flags & HllFlags.ALLOW_FOLD) != 0) {
                    return;
                }
                int minIndex = HllFlags.UNSET;
                int minhash = HllFlags.UNSET;
                for (Sketch s : op.sketches) {
                    minIndex = Math.min(minIndex, s.indexBits());
                    if (s.minhashBits() != minhash) {
                        minhash = minhash == HllFlags.UNSET ? s.minhashBits() : 0;
                    }
                }
                if (old.indexBits() > minIndex) {
                    throw new AerologException(ResultCode.OP_NOT_APPLICABLE, "hll_set_union cannot reduce the bin's"
                            + " index bits from " + old.indexBits() + " to " + minIndex + " without ALLOW_FOLD");
                }
                if (old.minhashBits() != 0 && old.minhashBits() != minhash) {
                    throw new AerologException(ResultCode.OP_NOT_APPLICABLE, "hll_set_union cannot reduce the bin's"
                            + " minhash bits from " + old.minhashBits() + " to 0 without ALLOW_FOLD");
                }
            }
            case REFRESH_COUNT, FOLD -> {
                if (old == null) {
                    throw new AerologException(ResultCode.BIN_NOT_FOUND, op.def.wireName
                            + " cannot create an HLL bin");
                }
                if (op.def == HllOpDef.FOLD) {
                    if (old.minhashBits() > 0) {
                        throw new AerologException(ResultCode.OP_NOT_APPLICABLE,
                                "hll_fold cannot fold an HLL with minhash bits");
                    }
                    if (old.indexBits() < op.indexBits) {
                        throw new AerologException(ResultCode.OP_NOT_APPLICABLE, "hll_fold cannot fold index bits "
                                + old.indexBits() + " to " + (op.indexBits == HllFlags.UNSET ? "unset" : op.indexBits));
                    }
                }
            }
            default -> throw new IllegalStateException(op.def + " is not a modify operation");
        }
    }

    private static boolean absent(Value bin) {
        return bin == null || bin instanceof Value.NilValue;
    }

    /** The bin's sketch bytes; BIN_TYPE_ERROR for another type, SERVER_ERROR for a corrupt sketch. */
    private static byte[] verified(Value bin) {
        if (!(bin instanceof Value.HllValue h)) {
            throw new AerologException(ResultCode.BIN_TYPE_ERROR, "HLL operations need an HLL bin, not " + bin.type());
        }
        byte[] bytes = h.value();
        if (!Sketch.isValidBin(bytes)) {
            throw new AerologException(ResultCode.SERVER_ERROR, "the HLL bin is corrupt: its header does not"
                    + " describe a valid sketch of its " + bytes.length + " bytes");
        }
        return bytes;
    }
}
