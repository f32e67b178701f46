package io.aerolog.core.hll.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One HyperLogLog operation read from its wire form {@code [code, arguments...]}, each argument checked
 * as the server's {@code hll_parse_*} functions check it (every failure is PARAMETER_ERROR). Elements are
 * kept as the msgpack bytes the server hashes; sketch arguments as views of their bytes.
 */
final class HllOp {
    final HllOpDef def;
    int indexBits;
    int minhashBits;
    long flags;
    final List<byte[]> elements = new ArrayList<>();
    final List<Sketch> sketches = new ArrayList<>();
    private final List<Value> arguments;

    private HllOp(HllOpDef def, List<Value> arguments) {
        this.def = def;
        this.arguments = arguments;
        this.indexBits = def.modify ? HllFlags.UNSET : 0;
        this.minhashBits = def.modify ? HllFlags.UNSET : 0;
    }

    /**
     * The operation {@code wire} names, its arguments not yet read: the server checks the code
     * ({@code hll_state_init}) before the bin, and the arguments after it.
     */
    static HllOp start(Value wire, boolean modify) {
        if (!(wire instanceof Value.ListValue list) || list.items().isEmpty()) {
            throw parameter("an HLL operation is a list [code, arguments...], not " + describe(wire));
        }
        List<Value> items = list.items();
        if (!(items.get(0) instanceof Value.IntegerValue code)) {
            throw parameter("an HLL operation's first item is its code, not " + describe(items.get(0)));
        }
        HllOpDef def = HllOpDef.of(code.value(), modify);
        if (def == null) {
            throw parameter("HLL operation code " + Long.toUnsignedString(code.value()) + " is not a "
                    + (modify ? "modify" : "read") + " operation of Aerospike");
        }
        return new HllOp(def, items.subList(1, items.size()));
    }

    /** Reads and checks the arguments ({@code hll_parse_op}). */
    HllOp readArguments() {
        int nArgs = arguments.size();
        if (nArgs < def.minArgs || nArgs > def.args.size()) {
            throw parameter(def.wireName + " takes " + def.minArgs + (def.minArgs == def.args.size() ? "" : " to "
                    + def.args.size()) + " arguments, not " + nArgs);
        }
        for (int i = 0; i < nArgs; i++) {
            read(def.args.get(i), arguments.get(i));
        }
        return this;
    }

    private void read(HllOpDef.Arg arg, Value v) {
        switch (arg) {
            case INDEX_BITS -> {
                long n = integer(v, "index bit count");
                if (n != -1 && !Sketch.validIndexBits(n)) {
                    throw parameter(def.wireName + " index bit count " + n + " is not -1 or "
                            + Sketch.MIN_INDEX_BITS + " to " + Sketch.MAX_INDEX_BITS);
                }
                indexBits = (int) n & 0xff;
            }
            case MINHASH_BITS -> {
                long n = integer(v, "minhash bit count");
                if (n != -1) {
                    if (!Sketch.validMinhashBits(n)) {
                        throw parameter(def.wireName + " minhash bit count " + n + " is not -1, 0 or "
                                + Sketch.MIN_MINHASH_BITS + " to " + Sketch.MAX_MINHASH_BITS);
                    }
                    if (indexBits != HllFlags.UNSET && !Sketch.validCombinedBits(indexBits, n)) {
                        throw parameter(def.wireName + " index bits " + indexBits + " and minhash bits " + n
                                + " add up to more than " + Sketch.MAX_INDEX_AND_MINHASH_BITS);
                    }
                }
                minhashBits = (int) n & 0xff;
            }
            case FLAGS -> {
                flags = integer(v, "flags");
                if ((flags & ~def.allowedFlags) != 0) {
                    throw parameter(def.wireName + " does not take HLL write flags 0x" + Long.toHexString(flags));
                }
                if ((flags & HllFlags.CREATE_ONLY) != 0 && (flags & HllFlags.UPDATE_ONLY) != 0) {
                    throw parameter(def.wireName + ": CREATE_ONLY and UPDATE_ONLY exclude each other");
                }
            }
            case ELEMENTS -> readElements(v);
            case HLLS -> readSketches(v);
            case HLLS_INTERSECT -> {
                readSketches(v);
                if (sketches.size() > 2) {
                    int minhash = sketches.get(0).minhashBits();
                    for (Sketch s : sketches) {
                        if (s.minhashBits() != minhash) {
                            throw parameter(def.wireName + " of more than 2 HLLs needs them all to have the same"
                                    + " minhash bits");
                        }
                    }
                    if (minhash == 0) {
                        throw parameter(def.wireName + " of more than 2 HLLs needs minhash bits");
                    }
                }
            }
        }
    }

    private void readElements(Value v) {
        if (!(v instanceof Value.ListValue list) || list.items().isEmpty()) {
            throw parameter(def.wireName + " needs a non-empty list of elements, not " + describe(v));
        }
        for (Value e : list.items()) {
            if (e instanceof Value.ListValue || e instanceof Value.MapValue) {
                throw parameter(def.wireName + " elements may not be lists or maps");
            }
            elements.add(elementBytes(e));
        }
    }

    /**
     * The msgpack bytes the server hashes for an element: Aerospike's compact form, which is the form
     * the Java client packs and our MsgPack writes (strings and blobs with their particle type byte).
     */
    static byte[] elementBytes(Value e) {
        if (e instanceof Value.InfinityValue) {
            return new byte[] {(byte) 0xd4, (byte) 0xff, 0x01};
        }
        if (e instanceof Value.WildcardValue) {
            return new byte[] {(byte) 0xd4, (byte) 0xff, 0x00};
        }
        if (e instanceof Value.HllValue h) {
            return hllElementBytes(h.value());
        }
        byte[] packed = MsgPack.pack(new Value.ListValue(List.of(e)));
        return Arrays.copyOfRange(packed, 1, packed.length);
    }

    /** An HLL element as a client packs an HLL value: msgpack str of its particle type (18) and bytes. */
    private static byte[] hllElementBytes(byte[] sketch) {
        int size = sketch.length + 1;
        byte[] header = size < 32 ? new byte[] {(byte) (0xa0 | size)}
                : size < 256 ? new byte[] {(byte) 0xd9, (byte) size}
                : size < 65536 ? new byte[] {(byte) 0xda, (byte) (size >>> 8), (byte) size}
                : new byte[] {(byte) 0xdb, (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
        byte[] out = Arrays.copyOf(header, header.length + size);
        out[header.length] = 18;
        System.arraycopy(sketch, 0, out, header.length + 1, sketch.length);
        return out;
    }

    private void readSketches(Value v) {
        List<Value> items;
        if (v instanceof Value.ListValue list) {
            if (list.items().isEmpty()) {
                throw parameter(def.wireName + " needs at least one HLL");
            }
            items = list.items();
        } else {
            items = List.of(v);
        }
        for (int i = 0; i < items.size(); i++) {
            Value item = items.get(i);
            byte[] b = item instanceof Value.BytesValue bytes ? bytes.value()
                    : item instanceof Value.HllValue h ? h.value() : null;
            if (b == null || b.length < Sketch.HEADER_SIZE) {
                throw parameter(def.wireName + " HLL " + i + " is not an HLL of at least " + Sketch.HEADER_SIZE
                        + " bytes: " + describe(item));
            }
            int index = b[1] & 0xff;
            int minhash = b[2] & 0xff;
            if (b[0] != 0) {
                throw parameter(def.wireName + " HLL " + i + " has unknown flags 0x" + Integer.toHexString(b[0] & 0xff));
            }
            if (!Sketch.validIndexBits(index)) {
                throw parameter(def.wireName + " HLL " + i + " has index bits " + index + ", not 4 to 16");
            }
            if (!Sketch.validMinhashBits(minhash)) {
                throw parameter(def.wireName + " HLL " + i + " has minhash bits " + minhash + ", not 0 or 4 to 51");
            }
            int expected = Sketch.requiredSize(index, minhash);
            if (b.length != expected) {
                throw parameter(def.wireName + " HLL " + i + " has " + b.length + " bytes, its description needs "
                        + expected);
            }
            sketches.add(Sketch.view(b));
        }
    }

    private long integer(Value v, String what) {
        if (v instanceof Value.IntegerValue i) {
            return i.value();
        }
        throw parameter(def.wireName + " " + what + " must be an integer, not " + describe(v));
    }

    static String describe(Value v) {
        return v == null ? "nothing" : v.type().toString();
    }

    static AerologException parameter(String message) {
        return new AerologException(ResultCode.PARAMETER_ERROR, message);
    }
}
