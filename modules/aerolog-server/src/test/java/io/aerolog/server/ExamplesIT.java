package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.server.ops.Dashboards;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The Java walk-throughs of {@code examples/java}, compiled from the repository as they are and each run in a
 * JVM of its own (as a user runs them) against a real node: the record they put comes back, the node list
 * and the namespace's replication are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExamplesIT {
    private TestNode node;
    private Path classes;

    @BeforeAll
    void start() throws Exception {
        classes = compile(Dashboards.root().resolve("examples/java"), Path.of("target", "examples"));
        node = TestNode.start();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aerospikeClientWalkthrough() throws Exception {
        String out = run("AerospikeWalkthrough", "127.0.0.1", Integer.toString(node.config.aerospike.port));
        assertThat(out).contains("name=John", "age=30", "generation 1")
                .contains("node: " + node.config.nodeId + " 127.0.0.1 " + node.config.aerospike.port)
                .contains("namespace test: replication-factor=1", "namespace test: storage-engine=device",
                        "namespace test: objects=");
        assertThat(node.get("/v1/kvs/test/testset/testrecord").body().get("bins").toString())
                .isEqualTo("{\"name\":\"John\",\"age\":30}");
    }

    @Test
    void aerologClientWalkthrough() throws Exception {
        String out = run("AerologWalkthrough", node.url(""));
        assertThat(out).contains("record: name=John age=30 generation")
                .contains("node: 127.0.0.1:" + node.config.http.port)
                .containsPattern("persisted: topic aerolog.test.commands partition \\d+ offset \\d+")
                .contains("namespace test: replicationFactor:1");
        assertThat(node.get("/v1/kvs/test/testset/testrecord").body().get("bins").get("name").asText())
                .isEqualTo("John");
    }

    /** Runs example {@code main} in a new JVM; its output, after checking it exited 0 within a minute. */
    private String run(String main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + ReadmeExamples.classpath(), main));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s exits", main).isTrue();
        String out = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exit status; output:\n%s", main, out).isZero();
        return out;
    }

    /** Compiles every .java file of {@code sources} into {@code out}/classes against the test classpath. */
    private static Path compile(Path sources, Path out) throws Exception {
        Path target = Files.createDirectories(out.resolve("classes"));
        List<File> files;
        try (var list = Files.list(sources)) {
            files = list.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        assertThat(files).hasSize(2);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(null, manager, diagnostics, List.of("-classpath", ReadmeExamples.classpath(),
                    "-d", target.toString(), "-proc:none", "--release", "17"), null,
                    manager.getJavaFileObjectsFromFiles(files)).call();
            assertThat(ok).as("examples/java compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
        return target;
    }
}
