package io.aerolog.core.exp;

import io.aerolog.core.Value;
import io.aerolog.core.exp.internal.ExpressionWriter;
import io.aerolog.core.index.CollectionType;

/**
 * Builds Aerospike filter expressions as their wire bytes (what {@link Expressions} evaluates), for code that
 * states a condition itself rather than receiving it from a client: a background query's index condition. Every
 * expression is a {@link Value.BytesValue} of its packed msgpack, written with the opcodes the expression
 * compiler reads; an argument that is an expression must be one this class built (or a client packed).
 */
public final class ExpressionBuilder {
    private ExpressionBuilder() {
    }

    /** {@code a and b}, both boolean expressions. */
    public static Value and(Value a, Value b) {
        return Value.of(ExpressionWriter.and(bytes(a), bytes(b)));
    }

    public static Value eq(Value a, Value b) {
        return Value.of(ExpressionWriter.eq(bytes(a), bytes(b)));
    }

    public static Value gt(Value a, Value b) {
        return Value.of(ExpressionWriter.gt(bytes(a), bytes(b)));
    }

    public static Value ge(Value a, Value b) {
        return Value.of(ExpressionWriter.ge(bytes(a), bytes(b)));
    }

    public static Value le(Value a, Value b) {
        return Value.of(ExpressionWriter.le(bytes(a), bytes(b)));
    }

    /** The integer value of bin {@code name} (unknown when it holds no integer). */
    public static Value intBin(String name) {
        return Value.of(ExpressionWriter.intBin(name));
    }

    public static Value stringBin(String name) {
        return Value.of(ExpressionWriter.stringBin(name));
    }

    public static Value blobBin(String name) {
        return Value.of(ExpressionWriter.blobBin(name));
    }

    public static Value integer(long v) {
        return Value.of(ExpressionWriter.integer(v));
    }

    /** A string given as its UTF-8 bytes (as an index filter holds it). */
    public static Value string(byte[] utf8) {
        return Value.of(ExpressionWriter.string(utf8));
    }

    public static Value blob(byte[] value) {
        return Value.of(ExpressionWriter.blob(value));
    }

    /**
     * How many elements of bin {@code bin} (list elements, map keys or map values, as {@code of} says) equal
     * {@code literal} (an {@link #integer}, {@link #string} or {@link #blob}), inside the bin at {@code context}
     * (Aerospike's packed CTX list, or null); an integer expression.
     *
     * @throws IllegalArgumentException when {@code of} is {@link CollectionType#DEFAULT}
     */
    public static Value countEqual(CollectionType of, byte[] context, Value literal, String bin) {
        return Value.of(ExpressionWriter.countEqual(of, context, bytes(literal), bin));
    }

    /**
     * As {@link #countEqual}, counting the integer elements in {@code [begin, end]} ({@code end} of
     * {@link Long#MAX_VALUE} leaves the interval open above).
     */
    public static Value countBetween(CollectionType of, byte[] context, long begin, long end, String bin) {
        return Value.of(ExpressionWriter.countBetween(of, context, begin, end, bin));
    }

    private static byte[] bytes(Value v) {
        if (!(v instanceof Value.BytesValue b)) {
            throw new IllegalArgumentException("a packed expression, not " + v.type());
        }
        return b.value();
    }
}
