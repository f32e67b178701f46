package io.aerolog.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.core.NamespaceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    @Test
    void theDocumentedExampleLoads() throws Exception {
        NodeConfig config = NodeConfig.load(Path.of("../../ops/aerolog.yaml"));
        assertThat(config.http.port).isEqualTo(8080);
        assertThat(config.kafka.bootstrapServers).isNull();
        assertThat(config.namespaceConfigs()).containsExactly(
                new NamespaceConfig("test", 8, 1, 0, NamespaceConfig.Storage.ROCKSDB, 1048576, true),
                new NamespaceConfig("cache", 4, 1, 3600, NamespaceConfig.Storage.MEMORY, 131072, true));
    }

    /** A configuration changed by {@code change}, validated. */
    private static Settings validated(Consumer<NodeConfig> change) {
        NodeConfig c = new NodeConfig();
        change.accept(c);
        return c.validate();
    }

    @Test
    void theBackgroundJobBoundIsASettingFrom1To1024() throws Exception {
        assertThat(NodeConfig.load(Path.of("../../ops/aerolog.yaml")).validate().maxBackgroundJobs()).isEqualTo(8);
        assertThat(new NodeConfig().validate().maxBackgroundJobs()).isEqualTo(8);
        assertThat(validated(c -> c.maxBackgroundJobs = 1024).maxBackgroundJobs()).isEqualTo(1024);
        for (int bad : new int[] {0, 1025}) {
            assertThatThrownBy(() -> validated(c -> c.maxBackgroundJobs = bad))
                    .hasMessageContaining("maxBackgroundJobs").hasMessageContaining("1 to 1024");
        }
    }

    @Test
    void streamThreadsAreChosenPerNamespaceUnlessSetFrom1To64() throws Exception {
        assertThat(NodeConfig.load(Path.of("../../ops/aerolog.yaml")).validate().streamThreads()).isZero();
        assertThat(new NodeConfig().validate().streamThreads()).isZero();
        assertThat(validated(c -> c.streamThreads = 64).streamThreads()).isEqualTo(64);
        for (int bad : new int[] {0, 65}) {
            assertThatThrownBy(() -> validated(c -> c.streamThreads = bad))
                    .hasMessageContaining("streamThreads").hasMessageContaining("1 to 64");
        }
    }

    @Test
    void defaultsAreTheEmbeddedDefault() {
        NodeConfig config = new NodeConfig();
        assertThat(config.namespaceConfigs()).containsExactly(NamespaceConfig.defaults("test"));
        assertThat(config.http.host).isEqualTo("127.0.0.1");
        assertThat(config.dataDir).isEqualTo("./data");
    }

    @Test
    void aTypoIsAnErrorNotSilence(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "namespaces:\n  - name: test\n    partitons: 8\n");
        assertThatThrownBy(() -> NodeConfig.load(file)).hasMessageContaining("partitons");
    }

    @Test
    void badNamespaceSettingsSayWhatToFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "namespaces:\n  - name: test\n    partitions: 6\n");
        assertThatThrownBy(() -> NodeConfig.load(file).namespaceConfigs())
                .hasMessageContaining("power of two");
        Files.writeString(file, "namespaces:\n  - name: test\n    storage: disk\n");
        assertThatThrownBy(() -> NodeConfig.load(file).namespaceConfigs())
                .hasMessageContaining("rocksdb or memory");
    }
}
