package io.aerolog.client.operation;

import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;

/**
 * Bit operations on bytes bins for {@code AerologClient.operate}, as Aerospike's {@code BitOperation}: each
 * builds the operation Aerospike's Java client builds (the same payload). Offsets and sizes are in bits
 * unless named bytes; a negative offset counts from the end.
 */
public final class BitOperation {
    private static final int RESIZE = 0;
    private static final int INSERT = 1;
    private static final int REMOVE = 2;
    private static final int SET = 3;
    private static final int OR = 4;
    private static final int XOR = 5;
    private static final int AND = 6;
    private static final int NOT = 7;
    private static final int LSHIFT = 8;
    private static final int RSHIFT = 9;
    private static final int ADD = 10;
    private static final int SUBTRACT = 11;
    private static final int SET_INT = 12;
    private static final int GET = 50;
    private static final int COUNT = 51;
    private static final int LSCAN = 52;
    private static final int RSCAN = 53;
    private static final int GET_INT = 54;
    private static final int SIGNED = 1;

    private BitOperation() {
    }

    /** {@code resizeFlags}: {@link BitResizeFlags}. */
    public static Operation resize(BitPolicy policy, String bin, int byteSize, int resizeFlags) {
        return modify(bin, RESIZE, byteSize, policy.flags(), resizeFlags);
    }

    public static Operation insert(BitPolicy policy, String bin, int byteOffset, byte[] value) {
        return modify(bin, INSERT, byteOffset, value, policy.flags());
    }

    public static Operation remove(BitPolicy policy, String bin, int byteOffset, int byteSize) {
        return modify(bin, REMOVE, byteOffset, byteSize, policy.flags());
    }

    public static Operation set(BitPolicy policy, String bin, int bitOffset, int bitSize, byte[] value) {
        return modify(bin, SET, bitOffset, bitSize, value, policy.flags());
    }

    public static Operation or(BitPolicy policy, String bin, int bitOffset, int bitSize, byte[] value) {
        return modify(bin, OR, bitOffset, bitSize, value, policy.flags());
    }

    public static Operation xor(BitPolicy policy, String bin, int bitOffset, int bitSize, byte[] value) {
        return modify(bin, XOR, bitOffset, bitSize, value, policy.flags());
    }

    public static Operation and(BitPolicy policy, String bin, int bitOffset, int bitSize, byte[] value) {
        return modify(bin, AND, bitOffset, bitSize, value, policy.flags());
    }

    public static Operation not(BitPolicy policy, String bin, int bitOffset, int bitSize) {
        return modify(bin, NOT, bitOffset, bitSize, policy.flags());
    }

    public static Operation lshift(BitPolicy policy, String bin, int bitOffset, int bitSize, int shift) {
        return modify(bin, LSHIFT, bitOffset, bitSize, shift, policy.flags());
    }

    public static Operation rshift(BitPolicy policy, String bin, int bitOffset, int bitSize, int shift) {
        return modify(bin, RSHIFT, bitOffset, bitSize, shift, policy.flags());
    }

    public static Operation add(BitPolicy policy, String bin, int bitOffset, int bitSize, long value, boolean signed,
                                BitOverflowAction action) {
        return modify(bin, ADD, bitOffset, bitSize, value, policy.flags(), action.flags | (signed ? SIGNED : 0));
    }

    public static Operation subtract(BitPolicy policy, String bin, int bitOffset, int bitSize, long value,
                                     boolean signed, BitOverflowAction action) {
        return modify(bin, SUBTRACT, bitOffset, bitSize, value, policy.flags(), action.flags | (signed ? SIGNED : 0));
    }

    public static Operation setInt(BitPolicy policy, String bin, int bitOffset, int bitSize, long value) {
        return modify(bin, SET_INT, bitOffset, bitSize, value, policy.flags());
    }

    public static Operation get(String bin, int bitOffset, int bitSize) {
        return Payload.of(OperationType.BIT_READ, bin, GET, bitOffset, bitSize);
    }

    public static Operation count(String bin, int bitOffset, int bitSize) {
        return Payload.of(OperationType.BIT_READ, bin, COUNT, bitOffset, bitSize);
    }

    public static Operation lscan(String bin, int bitOffset, int bitSize, boolean value) {
        return Payload.of(OperationType.BIT_READ, bin, LSCAN, bitOffset, bitSize, value);
    }

    public static Operation rscan(String bin, int bitOffset, int bitSize, boolean value) {
        return Payload.of(OperationType.BIT_READ, bin, RSCAN, bitOffset, bitSize, value);
    }

    public static Operation getInt(String bin, int bitOffset, int bitSize, boolean signed) {
        return signed ? Payload.of(OperationType.BIT_READ, bin, GET_INT, bitOffset, bitSize, SIGNED)
                : Payload.of(OperationType.BIT_READ, bin, GET_INT, bitOffset, bitSize);
    }

    private static Operation modify(String bin, int code, Object... args) {
        return Payload.of(OperationType.BIT_MODIFY, bin, code, args);
    }
}
