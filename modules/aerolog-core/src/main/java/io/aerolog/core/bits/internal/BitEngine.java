package io.aerolog.core.bits.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.engine.BinOpResult;

/**
 * Aerospike's bit operations on a blob bin, step for step as the server's {@code particle_blob.c} runs
 * them: read the operation ({@code bits_parse_op}), check the bin ({@code bits_modify}/{@code bits_read}),
 * size the effect ({@code bits_prepare_*}) and apply it. A "no-op" outcome (NO_FAIL, or nothing to do)
 * leaves the bin as it was and returns nothing, as the server does.
 */
public final class BitEngine {
    /**
     * The largest blob a modify may leave: Aerospike's write block (8 MiB), which bounds every
     * namespace's max-record-size, so a larger bin could never be stored. Refused as RECORD_TOO_BIG
     * here rather than allocated and refused when the record is sized.
     */
    static final long MAX_BLOB_SIZE = 8L * 1024 * 1024;

    private BitEngine() {
    }

    /** What a read operation returns from {@code bin}; null when the bin is absent or nothing is read. */
    public static Value read(Value bin, Value operation) {
        if (absent(bin)) {
            return null;
        }
        BitOp op = BitOp.parse(operation, false);
        byte[] blob = blob(bin, op);
        Region region = prepare(op, blob.length, true);
        return region == null ? null : executeRead(op, blob, region);
    }

    /** The bin after a modify operation (null when left absent); bit modify operations return nothing. */
    public static BinOpResult modify(Value bin, Value operation) {
        BitOp op = BitOp.parse(operation, true);
        boolean live = !absent(bin);
        BinOpResult unchanged = new BinOpResult(live ? bin : null, null);
        if (live) {
            if ((op.flags & BitFlags.CREATE_ONLY) != 0) {
                if ((op.flags & BitFlags.NO_FAIL) != 0) {
                    return unchanged;
                }
                throw new AerologException(ResultCode.BIN_EXISTS_ERROR,
                        op.def.wireName + " with CREATE_ONLY on a bin that exists");
            }
        } else if (op.def != BitOpDef.INSERT && op.def != BitOpDef.RESIZE
                || (op.flags & BitFlags.UPDATE_ONLY) != 0) {
            if ((op.flags & BitFlags.NO_FAIL) != 0) {
                return unchanged;
            }
            throw new AerologException(ResultCode.BIN_NOT_FOUND, op.def.wireName
                    + ((op.flags & BitFlags.UPDATE_ONLY) != 0 ? " with UPDATE_ONLY" : "")
                    + " would create the bin: only bit_insert and bit_resize create one");
        }
        byte[] old = live ? blob(bin, op) : null;
        Region region = prepare(op, old == null ? 0 : old.length, live);
        if (region == null) {
            return unchanged;
        }
        long newSize = region.newSize();
        if (newSize >= BitFlags.PROTO_SIZE_MAX) {
            throw BitOp.parameter(op.def.wireName + " would leave a blob of " + newSize
                    + " bytes, Aerospike's limit is " + BitFlags.PROTO_SIZE_MAX);
        }
        if (newSize > MAX_BLOB_SIZE) {
            throw new AerologException(ResultCode.RECORD_TOO_BIG, op.def.wireName + " would leave a blob of "
                    + newSize + " bytes, over the " + MAX_BLOB_SIZE + " bytes of Aerospike's largest record");
        }
        byte[] result = executeModify(op, old, region, (int) newSize);
        if (result == null) {
            if ((op.flags & BitFlags.NO_FAIL) != 0) {
                return unchanged;
            }
            throw new AerologException(ResultCode.OP_NOT_APPLICABLE, op.def.wireName + " overflows "
                    + op.size + " bits and the overflow action is FAIL");
        }
        return new BinOpResult(new Value.BytesValue(result), null);
    }

    private static boolean absent(Value bin) {
        return bin == null || bin instanceof Value.NilValue;
    }

    private static byte[] blob(Value bin, BitOp op) {
        if (bin instanceof Value.BytesValue b) {
            return b.value();
        }
        throw new AerologException(ResultCode.BIN_TYPE_ERROR, op.def.wireName + " needs a bytes bin, not "
                + bin.type());
    }

    /** What the operation covers, as {@code bits_prepare_op} sizes it; null for a no-op. */
    private static Region prepare(BitOp op, int oldSize, boolean live) {
        long offset = op.offset;
        if (!live && offset < 0) {
            throw BitOp.parameter(op.def.wireName + " cannot use a negative offset on a bin that does not exist");
        }
        long oldBits = oldSize * 8L;
        if (offset < 0) {
            if (-offset > oldBits) {
                throw BitOp.parameter(op.def.wireName + " offset " + offset + " is before the start of a blob of "
                        + oldBits + " bits");
            }
            offset += oldBits;
        }
        long byteOffset = offset / 8;
        int bitOffset = (int) (offset % 8);
        long opSize = (bitOffset + op.size + 7) / 8;
        boolean noFail = (op.flags & BitFlags.NO_FAIL) != 0;
        boolean partial = (op.flags & BitFlags.PARTIAL) != 0;
        switch (op.def.prepare) {
            case RESIZE -> {
                boolean fromFront = (op.subflags & BitFlags.RESIZE_FROM_FRONT) != 0;
                if (opSize < oldSize) {
                    if ((op.subflags & BitFlags.RESIZE_GROW_ONLY) != 0) {
                        return failOrNoop(noFail, ResultCode.PARAMETER_ERROR, op, "cannot shrink with GROW_ONLY");
                    }
                    long remove = oldSize - opSize;
                    return fromFront ? new Region(Action.REMOVE, 0, 0, remove, oldSize - remove, 0, 0)
                            : new Region(Action.REMOVE, oldSize - remove, 0, remove, 0, 0, 0);
                }
                if (opSize > oldSize) {
                    if ((op.subflags & BitFlags.RESIZE_SHRINK_ONLY) != 0) {
                        return failOrNoop(noFail, ResultCode.PARAMETER_ERROR, op, "cannot grow with SHRINK_ONLY");
                    }
                    long add = opSize - oldSize;
                    return fromFront ? new Region(Action.EXPAND, 0, 0, add, oldSize, 0, 0)
                            : new Region(Action.EXPAND, oldSize, 0, add, 0, 0, 0);
                }
                return null;
            }
            case INSERT -> {
                return byteOffset >= oldSize
                        ? new Region(Action.EXPAND, oldSize, byteOffset - oldSize, opSize, 0, 0, 0)
                        : new Region(Action.EXPAND, byteOffset, 0, opSize, oldSize - byteOffset, 0, 0);
            }
            case REMOVE -> {
                if (byteOffset >= oldSize) {
                    return failOrNoop(noFail, ResultCode.PARAMETER_ERROR, op, "would remove past the end of the blob");
                }
                if (byteOffset + opSize > oldSize) {
                    if (!partial) {
                        return failOrNoop(noFail, ResultCode.PARAMETER_ERROR, op,
                                "would remove past the end of the blob (PARTIAL not set)");
                    }
                    return new Region(Action.REMOVE, byteOffset, 0, oldSize - byteOffset, 0, 0, 0);
                }
                return new Region(Action.REMOVE, byteOffset, 0, opSize, oldSize - byteOffset - opSize, 0, 0);
            }
            case MODIFY -> {
                if (byteOffset >= oldSize) {
                    return failOrNoop(noFail, ResultCode.OP_NOT_APPLICABLE, op, "starts past the end of the blob");
                }
                if (byteOffset + opSize > oldSize) {
                    if (!partial) {
                        return failOrNoop(noFail, ResultCode.OP_NOT_APPLICABLE, op,
                                "goes past the end of the blob (PARTIAL not set)");
                    }
                    long opBytes = oldSize - byteOffset;
                    return new Region(Action.OVERWRITE, byteOffset, 0, opBytes, 0, bitOffset,
                            opBytes * 8 - bitOffset);
                }
                return new Region(Action.OVERWRITE, byteOffset, 0, opSize, oldSize - byteOffset - opSize, bitOffset,
                        op.size);
            }
            default -> {
                if (byteOffset >= oldSize) {
                    return failOrNoop(noFail, ResultCode.OP_NOT_APPLICABLE, op, "starts past the end of the blob");
                }
                if (byteOffset + opSize > oldSize) {
                    return failOrNoop(noFail, ResultCode.OP_NOT_APPLICABLE, op, "goes past the end of the blob");
                }
                return new Region(Action.OVERWRITE, byteOffset, 0, opSize, oldSize - byteOffset - opSize, bitOffset,
                        op.size);
            }
        }
    }

    private static Region failOrNoop(boolean noFail, ResultCode code, BitOp op, String why) {
        if (noFail) {
            return null;
        }
        throw new AerologException(code, op.def.wireName + " " + why);
    }

    /** The new blob, or null when an integer operation overflows with the FAIL action. */
    private static byte[] executeModify(BitOp op, byte[] old, Region r, int newSize) {
        byte[] to = new byte[newSize];
        int head = (int) r.head;
        int opBytes = (int) r.opBytes;
        int at = 0;
        if (old != null) {
            System.arraycopy(old, 0, to, 0, head);
            at = head;
        }
        int from = at;
        switch (r.action) {
            case OVERWRITE -> {
                System.arraycopy(old, from, to, at, opBytes);
                if (!overwrite(op, to, at * 8L + r.bitOffset, (int) r.bits)) {
                    return null;
                }
                at += opBytes;
                from += opBytes;
            }
            case EXPAND -> {
                at += (int) r.expand;
                if (op.def == BitOpDef.INSERT) {
                    System.arraycopy(op.buf, 0, to, at, opBytes);
                }
                at += opBytes;
            }
            case REMOVE -> from += opBytes;
        }
        if (old != null) {
            System.arraycopy(old, from, to, at, (int) r.tail);
        }
        return to;
    }

    /** Applies an in-place operation to {@code n} bits of {@code to} from bit {@code start}. */
    private static boolean overwrite(BitOp op, byte[] to, long start, int n) {
        switch (op.def) {
            case SET -> BitString.put(to, start, n, op.buf);
            case OR, XOR, AND -> {
                byte[] bits = BitString.get(to, start, n);
                for (int j = 0; j < bits.length; j++) {
                    int b = op.buf[j];
                    bits[j] = (byte) switch (op.def) {
                        case OR -> bits[j] | b;
                        case XOR -> bits[j] ^ b;
                        default -> bits[j] & b;
                    };
                }
                BitString.put(to, start, n, bits);
            }
            case NOT -> {
                byte[] bits = BitString.get(to, start, n);
                for (int j = 0; j < bits.length; j++) {
                    bits[j] = (byte) ~bits[j];
                }
                BitString.put(to, start, n, bits);
            }
            case LSHIFT -> {
                int shift = (int) op.value;
                byte[] kept = shift >= n ? new byte[0] : BitString.get(to, start + shift, n - shift);
                BitString.put(to, start, n, kept);
            }
            case RSHIFT -> {
                int shift = (int) op.value;
                if (shift >= n) {
                    BitString.put(to, start, n, new byte[0]);
                } else {
                    byte[] kept = BitString.get(to, start, n - shift);
                    BitString.put(to, start, shift, new byte[0]);
                    BitString.put(to, start + shift, n - shift, kept);
                }
            }
            case ADD, SUBTRACT -> {
                long load = BitString.getLong(to, start, n);
                Long result = Arithmetic.apply(op.def == BitOpDef.ADD, load, op.value, n, op.subflags);
                if (result == null) {
                    return false;
                }
                BitString.putLong(to, start, n, result);
            }
            case SET_INT -> BitString.putLong(to, start, n, op.value & Arithmetic.mask(n));
            default -> throw new IllegalStateException(op.def + " is not an in-place operation");
        }
        return true;
    }

    private static Value executeRead(BitOp op, byte[] blob, Region r) {
        long start = r.head * 8 + r.bitOffset;
        int n = (int) r.bits;
        return switch (op.def) {
            case GET -> new Value.BytesValue(BitString.get(blob, start, n));
            case COUNT -> {
                long count = 0;
                for (byte b : BitString.get(blob, start, n)) {
                    count += Integer.bitCount(b & 0xff);
                }
                yield Value.of(count);
            }
            case LSCAN -> Value.of(Scan.left(blob, start, n, op.value == 1));
            case RSCAN -> Value.of(Scan.right(blob, start, n, op.value == 1));
            case GET_INT -> {
                long v = BitString.getLong(blob, start, n);
                if ((op.subflags & BitFlags.INT_SIGNED) != 0) {
                    v = v << (64 - n) >> (64 - n);
                }
                yield Value.of(v);
            }
            default -> throw new IllegalStateException(op.def + " is not a read operation");
        };
    }

    private enum Action { OVERWRITE, EXPAND, REMOVE }

    /**
     * The server's sizing of an operation: bytes kept before it ({@code head}), zero bytes added before
     * it ({@code expand}), bytes it covers ({@code opBytes}), bytes kept after it ({@code tail}); for an
     * in-place operation, the bit it starts at in its first byte and how many bits it covers.
     */
    private record Region(Action action, long head, long expand, long opBytes, long tail, int bitOffset, long bits) {
        long newSize() {
            return head + expand + tail + (action == Action.REMOVE ? 0 : opBytes);
        }
    }
}
