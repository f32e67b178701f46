package io.aerolog.cli.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.cli.CliFailure;
import io.aerolog.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an interrupted backup stands, kept next to its file ({@code FILE.state}, JSON) so {@code --resume}
 * continues it: what was backed up, partitions {@code 0..nextPartition-1} done, the last digest written of
 * each partition of the chunk in progress (the scan resumes after it), and the file's length and record
 * count at that point (the file is cut back to that length, so each record is in it exactly once).
 * Written to a temporary file and moved into place, so a crash leaves the previous state whole.
 */
final class BackupState {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String namespace;
    public String set;
    public boolean noRecords;
    public int nextPartition;
    public Map<Integer, String> cursors = new TreeMap<>();
    public long bytes;
    public long records;

    static Path pathFor(Path output) {
        return output.resolveSibling(output.getFileName() + ".state");
    }

    static BackupState load(Path file) {
        try {
            return JSON.readValue(file.toFile(), BackupState.class);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot read the backup's state " + file + ": " + e.getMessage()
                    + " (without it the backup cannot be resumed: start it again without --resume)", e);
        }
    }

    void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void cursor(int partition, byte[] digest) {
        cursors.put(partition, HexFormat.of().formatHex(digest));
    }

    byte[] cursor(int partition) {
        String hex = cursors.get(partition);
        return hex == null ? null : HexFormat.of().parseHex(hex);
    }
}
