package io.aerolog.core;

import io.aerolog.core.engine.ChangeKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One applied change as published on a namespace's changelog: the record after the change (no bins
 * for DELETE and EXPIRE), and where in the command log it came from.
 */
public record Change(String namespace, String set, Digest digest, Value userKey, ChangeKind kind, int generation,
                     long lastUpdateMillis, long voidTimeMillis, Map<String, Value> bins, int sourcePartition,
                     long sourceOffset) {
    public Change {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(kind, "kind");
        set = set == null ? "" : set;
        // Keep the bins' order (Map.copyOf's order varies from one JVM to the next), so that a change
        // encodes to the same bytes on every replay.
        bins = bins == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(bins));
    }

    /** The change of {@code record} under {@code key}, as applied from the given log position. */
    public static Change of(String namespace, Digest digest, ChangeKind kind, Record record, int partition,
                            long offset) {
        Map<String, Value> bins = kind == ChangeKind.WRITE ? record.bins() : Map.of();
        return new Change(namespace, record.set(), digest, record.userKey(), kind, record.generation(),
                record.lastUpdateMillis(), record.voidTimeMillis(), bins, partition, offset);
    }
}
