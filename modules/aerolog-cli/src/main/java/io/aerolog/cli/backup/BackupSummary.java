package io.aerolog.cli.backup;

import java.util.Locale;

/** What a backup or restore says at its end: records, bytes, time and rates, in one line. */
final class BackupSummary {
    private BackupSummary() {
    }

    static String line(String what, long records, long bytes, long nanos) {
        double seconds = Math.max(1e-3, nanos / 1e9);
        return String.format(Locale.ROOT, "%s: %,d records, %s in %.1f s (%,.0f records/s, %,.1f MB/s)",
                what, records, size(bytes), seconds, records / seconds, bytes / 1e6 / seconds);
    }

    private static String size(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%,d bytes", bytes)
                : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }

    /** The count check's sentence: records written against the node's object count. */
    static String countCheck(long written, long objects, String where) {
        if (objects < 0) {
            return "count check: " + String.format(Locale.ROOT, "%,d", written) + " records written; the node does not"
                    + " count the objects of " + where + ", so they were not compared";
        }
        if (written == objects) {
            return String.format(Locale.ROOT, "count check: %,d records written, %,d objects in %s: match",
                    written, objects, where);
        }
        return String.format(Locale.ROOT, "count check: %,d records written, %,d objects in %s now: they differ by"
                + " %,d (records written, deleted or expired while the backup ran)", written, objects, where,
                Math.abs(written - objects));
    }
}
