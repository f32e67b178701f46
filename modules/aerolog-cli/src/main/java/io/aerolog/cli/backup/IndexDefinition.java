package io.aerolog.cli.backup;

/**
 * A secondary index as a backup file holds it ({@code * i} line): namespace, set (empty for every set),
 * name, its collection type as asbackup labels it ({@code N} none, {@code L} list, {@code K} map keys,
 * {@code V} map values), the bin and its value type ({@code S} string, {@code N} numeric, {@code G} geo,
 * {@code B} blob), and the base64 of its CDT context, or null.
 */
record IndexDefinition(String namespace, String set, String name, char collection, String bin, char binType,
                       String context) implements BackupEntry {
}
