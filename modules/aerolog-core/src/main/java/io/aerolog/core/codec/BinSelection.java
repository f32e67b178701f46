package io.aerolog.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The bins a reader wants of a stored record: all of them, or those named. A scan or query that returns one bin
 * of records holding several (a number beside a blob and a GeoJSON point) need not build the others: the record
 * reader skips their bytes without making a value of them.
 */
public final class BinSelection {
    /** Every bin. */
    public static final BinSelection ALL = new BinSelection(null);
    /**
     * No bin: the record's header alone (set, key, generation, times). Its bins are not read at all, so bytes
     * that end inside them are not found out by this read: the reader that copies them checks them.
     */
    public static final BinSelection NONE = new BinSelection(Set.of());

    private final Set<String> names;
    private final byte[][] utf8;

    private BinSelection(Set<String> names) {
        this.names = names;
        this.utf8 = names == null ? null
                : names.stream().map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /** The bins named (null: every bin). */
    public static BinSelection of(Collection<String> names) {
        if (names == null) {
            return ALL;
        }
        return names.isEmpty() ? NONE : new BinSelection(Set.copyOf(new LinkedHashSet<>(names)));
    }

    /** Whether no bin is wanted (the header alone is read). */
    public boolean none() {
        return names != null && names.isEmpty();
    }

    /** Whether every bin is wanted. */
    public boolean all() {
        return names == null;
    }

    /** Whether the bin {@code name} is wanted. */
    public boolean wants(String name) {
        return names == null || names.contains(name);
    }

    /** Whether the bin whose UTF-8 name is {@code length} bytes of {@code b} from {@code at} is wanted. */
    boolean wants(byte[] b, int at, int length) {
        if (utf8 == null) {
            return true;
        }
        for (byte[] name : utf8) {
            if (name.length == length && same(name, b, at)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} is at {@code at} in {@code b} (a bin name is at most 15 bytes: a loop beats Arrays.equals). */
    private static boolean same(byte[] name, byte[] b, int at) {
        for (int i = 0; i < name.length; i++) {
            if (name[i] != b[at + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return names == null ? "all bins" : "bins " + names;
    }
}
