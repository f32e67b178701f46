package io.aerolog.server.sindex;

import io.aerolog.core.Value;
import io.aerolog.core.codec.BinSelection;
import io.aerolog.core.codec.StoredHeader;
import io.aerolog.core.index.IndexDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The one bin of a stored record a secondary index reads, decoded from the stored bytes with no record made: a
 * query checks each record its index leads to on this bin alone.
 */
final class IndexBin {
    private final BinSelection bin;
    /** The index's set, UTF-8 (empty: the index is of every set). */
    private final byte[] set;

    IndexBin(IndexDefinition index) {
        this.bin = BinSelection.of(Set.of(index.bin()));
        this.set = index.set().getBytes(StandardCharsets.UTF_8);
    }

    /** The bin's value in {@code stored}; null when the record is not of the index's set or has no such bin. */
    Value of(StoredHeader stored) {
        return set.length != 0 && !stored.setIs(set) ? null : stored.bin(bin);
    }
}
