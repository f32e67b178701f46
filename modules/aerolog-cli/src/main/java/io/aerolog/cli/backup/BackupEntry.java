package io.aerolog.cli.backup;

/** What a backup file holds after its header: records, secondary-index definitions and UDF modules. */
sealed interface BackupEntry permits BackupRecord, IndexDefinition, UdfFile {
}
