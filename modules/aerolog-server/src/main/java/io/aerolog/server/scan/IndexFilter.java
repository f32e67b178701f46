package io.aerolog.server.scan;

import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexType;

/**
 * The filter of a secondary-index query, as Aerospike's client sends it: the bin, which values of a
 * collection it looks at, the context of a nested value (packed CTX, or null), and the range: numeric
 * {@code [begin, end]} inclusive, or for a string or blob index the one value it equals ({@code equal}).
 */
public record IndexFilter(String bin, IndexType type, CollectionType collection, byte[] context, long begin, long end,
                          byte[] equal) {
}
