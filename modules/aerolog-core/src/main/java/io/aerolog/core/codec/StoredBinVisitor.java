package io.aerolog.core.codec;

import io.aerolog.core.Value;

/**
 * Receives the bins of a stored record as the record reader walks its bytes ({@link StoredHeader#visitBins}),
 * without a {@code Record} or values being made of the common ones: a scan's reply copies a bin's name and a
 * string's or blob's bytes straight from the stored record into its message. A bin's name, and the bytes of a
 * {@link #bytes} value, are a range of {@code b} that the visitor must not keep.
 */
public interface StoredBinVisitor {
    /** An integer bin. */
    void integer(byte[] b, int nameAt, int nameLength, long value);

    /** A double bin. */
    void floating(byte[] b, int nameAt, int nameLength, double value);

    /** A bin of type STRING (UTF-8), BYTES, GEOJSON (its JSON, UTF-8) or HLL: its bytes, {@code length} from {@code at}. */
    void bytes(byte[] b, int nameAt, int nameLength, Value.Type type, int at, int length);

    /** Any other bin (nil, boolean, list, map): its value, made. */
    void value(byte[] b, int nameAt, int nameLength, Value value);
}
