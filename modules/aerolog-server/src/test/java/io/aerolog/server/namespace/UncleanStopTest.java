package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncleanStopTest {
    private static final String APP = "aerolog.local.test";

    @TempDir
    Path stateDir;

    @Test
    void aFirstStartRemovesNothingAndMarksARunInProgress() {
        assertThat(UncleanStop.begin(stateDir, APP).removed()).isEmpty();
        assertThat(stateDir.resolve(UncleanStop.MARKER)).exists();
    }

    @Test
    void aRunThatStoppedCleanlyKeepsItsTaskStates() throws Exception {
        UncleanStop.begin(stateDir, APP).stoppedCleanly();
        Path store = taskStore("0_3");
        assertThat(UncleanStop.begin(stateDir, APP).removed()).isEmpty();
        assertThat(store).exists();
    }

    @Test
    void aRunThatDidNotStopCleanlyHasItsTaskStatesRemovedAndTheRestKept() throws Exception {
        UncleanStop.begin(stateDir, APP);
        Path app = stateDir.resolve(APP);
        taskStore("0_0");
        taskStore("0_11");
        Files.createDirectories(app.resolve("global").resolve("rocksdb"));
        Files.writeString(app.resolve("kafka-streams-process-metadata"), "id");
        Files.createDirectories(app.resolve("notes_x"));

        UncleanStop run = UncleanStop.begin(stateDir, APP);

        assertThat(run.removed()).containsExactly("0_0", "0_11");
        assertThat(app.resolve("0_0")).doesNotExist();
        assertThat(app.resolve("0_11")).doesNotExist();
        assertThat(app.resolve("global").resolve("rocksdb")).exists();
        assertThat(app.resolve("kafka-streams-process-metadata")).exists();
        assertThat(app.resolve("notes_x")).exists();
        assertThat(stateDir.resolve(UncleanStop.MARKER)).as("this run is in progress").exists();
        run.stoppedCleanly();
        assertThat(stateDir.resolve(UncleanStop.MARKER)).doesNotExist();
    }

    @Test
    void theStateOfAProcessStillHoldingKafkaStreamsLockIsNotTouched() throws Exception {
        UncleanStop.begin(stateDir, APP);
        Path store = taskStore("0_1");
        // Kafka Streams of a running process holds this lock (here this JVM holds it, which tryLock refuses alike)
        try (FileChannel channel = FileChannel.open(stateDir.resolve(APP).resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThatThrownBy(() -> UncleanStop.begin(stateDir, APP))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(store).exists();
    }

    private Path taskStore(String task) throws Exception {
        Path sst = stateDir.resolve(APP).resolve(task).resolve("rocksdb").resolve("records").resolve("000010.sst");
        Files.createDirectories(sst.getParent());
        Files.writeString(sst, "data");
        return sst;
    }
}
