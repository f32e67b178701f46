package io.aerolog.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record: its bins and metadata. Generation starts at 1 and grows by one on every write; void time
 * is the expiry in epoch milliseconds (0 = never); the user key is kept only when a write asked
 * for it ({@code sendKey}).
 */
public record Record(String set, Value userKey, Map<String, Value> bins, int generation, long voidTimeMillis,
                     long lastUpdateMillis) {
    public Record {
        set = set == null ? "" : set;
        bins = bins.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(bins));
    }

    /** True when the record has a void time at or before {@code nowMillis}: it is then absent. */
    public boolean isExpiredAt(long nowMillis) {
        return isExpiredAt(voidTimeMillis, nowMillis);
    }

    /** True when a void time (epoch ms, 0 = never) is at or before {@code nowMillis}: Aerolog's one expiry rule. */
    public static boolean isExpiredAt(long voidTimeMillis, long nowMillis) {
        return voidTimeMillis != 0 && voidTimeMillis <= nowMillis;
    }

    /** Seconds to live at {@code nowMillis}, rounded up; -1 when the record never expires. */
    public long ttlSecondsAt(long nowMillis) {
        if (voidTimeMillis == 0) {
            return -1;
        }
        return Math.max(0, (voidTimeMillis - nowMillis + 999) / 1000);
    }

    /** An estimate of the stored size: metadata plus each bin's name and value. */
    public int estimatedSize() {
        int size = 32;
        for (Map.Entry<String, Value> e : bins.entrySet()) {
            size += 4 + e.getKey().length() + e.getValue().estimatedSize();
        }
        return size;
    }
}
