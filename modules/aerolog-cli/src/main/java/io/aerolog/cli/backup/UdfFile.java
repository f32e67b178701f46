package io.aerolog.cli.backup;

/** A UDF module as a backup file holds it ({@code * u L name size content}): a Lua file's name and bytes. */
record UdfFile(String name, byte[] content) implements BackupEntry {
}
