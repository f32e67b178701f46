package io.aerolog.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.cli.AerologCli;
import io.aerolog.cli.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong backup and restore command lines are usage errors that say what to fix, before anything is sent. */
class BackupUsageTest {
    @TempDir
    Path dir;

    private static String[] run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = AerologCli.execute(new ByteArrayInputStream(new byte[0]), o, e, args);
        }
        String[] printed = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertThat(exit).as(printed[0] + printed[1]).isEqualTo(expectedExit);
        return printed;
    }

    @Test
    void wrongCommandLinesSayWhatToFix() {
        assertThat(run(ExitCode.USAGE, "backup", "-o", "x.asb")[1]).contains("Missing required option: '--namespace");
        assertThat(run(ExitCode.USAGE, "backup", "-n", "test", "-o", "-", "--resume", "-p", "1")[1])
                .contains("--resume needs a file");
        assertThat(run(ExitCode.USAGE, "backup", "-n", "test", "-o", "x", "--resume", "--remove-files")[1])
                .contains("pick one");
        assertThat(run(ExitCode.USAGE, "backup", "-n", "test", "-o", "x", "--from-changes")[1])
                .contains("--bootstrap-server HOST:PORT");
        assertThat(run(ExitCode.USAGE, "backup", "-n", "test", "-o", dir.resolve("none.asb").toString(), "--resume",
                "-p", "1")[1]).contains("no interrupted backup at");
        assertThat(run(ExitCode.USAGE, "restore", "-i", "x", "--unique", "--replace")[1]).contains("pick one");
        assertThat(run(ExitCode.USAGE, "restore", "-i", "x", "--threads", "0")[1]).contains("--threads takes 1 to");
        assertThat(run(ExitCode.USAGE, "backup", "-n", "test", "-o", "x", "-L", "-1")[1])
                .contains("--records-per-second and --bandwidth take 0 (no limit) or more");
        assertThat(run(ExitCode.USAGE, "restore", "-i", "x", "--bandwidth", "-5")[1])
                .contains("--records-per-second and --bandwidth take 0 (no limit) or more");
        assertThat(run(ExitCode.USAGE, "backup", "-n", "test", "-o", "x", "-L", "3000000000")[1])
                .contains("--records-per-second takes at most");
        assertThat(run(ExitCode.USAGE, "backup", "-n", "test", "-o", "x", "--from-changes", "--bootstrap-server",
                "127.0.0.1:1", "--bandwidth", "100")[1]).contains("are for scan backups");
    }
}
