package io.aerolog.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The Java examples of the repository's README.md, taken from the README itself and compiled (javax.tools) against
 * the test classpath, so the README cannot drift from the code: each ```java block becomes the body of a method of
 * its own class, with the imports its kind of example needs. The Kafka Streams example's method returns its
 * {@link StreamsBuilder}, which ChangelogKTableIT runs against a node.
 */
final class ReadmeExamples {
    /** What each kind of README example imports, recognised by a name it uses. */
    private static final Map<String, List<String>> IMPORTS = Map.of(
            "AerologClient.connect", List.of("io.aerolog.client.AerologClient", "io.aerolog.client.Bin",
                    "io.aerolog.client.ClientPolicy", "io.aerolog.client.ClientRecord", "io.aerolog.client.Policy",
                    "io.aerolog.client.WritePolicy", "io.aerolog.core.Key", "io.aerolog.core.Operation",
                    "io.aerolog.core.Value", "io.aerolog.client.BatchRead", "io.aerolog.client.BatchWrite",
                    "io.aerolog.client.BatchDelete", "io.aerolog.client.BatchResult", "java.util.List",
                    "io.aerolog.client.cdt.ListOperation", "io.aerolog.client.cdt.MapOperation",
                    "io.aerolog.client.cdt.MapReturnType"),
            "new AerospikeClient", List.of("com.aerospike.client.AerospikeClient", "com.aerospike.client.Bin",
                    "com.aerospike.client.Key", "com.aerospike.client.Operation", "com.aerospike.client.Record",
                    "com.aerospike.client.Info", "com.aerospike.client.cluster.Node", "java.util.List",
                    "com.aerospike.client.Value", "com.aerospike.client.Language", "com.aerospike.client.BatchResults",
                    "com.aerospike.client.policy.ScanPolicy", "com.aerospike.client.policy.QueryPolicy",
                    "com.aerospike.client.exp.Exp",
                    "com.aerospike.client.query.PartitionFilter", "com.aerospike.client.query.IndexType",
                    "com.aerospike.client.query.IndexCollectionType", "com.aerospike.client.query.Statement",
                    "com.aerospike.client.query.Filter", "com.aerospike.client.query.RecordSet",
                    "com.aerospike.client.query.ResultSet", "com.aerospike.client.task.ExecuteTask",
                    "com.aerospike.client.policy.WritePolicy", "com.aerospike.client.lua.LuaConfig"),
            "KafkaProducer", List.of("java.util.Properties", "org.apache.kafka.clients.producer.KafkaProducer",
                    "org.apache.kafka.clients.producer.ProducerRecord", "io.aerolog.client.kafka.AerologPartitioner",
                    "io.aerolog.client.kafka.CommandSerializer", "io.aerolog.client.kafka.DigestSerializer",
                    "io.aerolog.core.Command", "io.aerolog.core.Key", "io.aerolog.core.Operation",
                    "io.aerolog.core.Value", "io.aerolog.core.WritePolicy"),
            "StreamsBuilder", List.of("org.apache.kafka.streams.StreamsBuilder",
                    "org.apache.kafka.streams.kstream.KTable", "org.apache.kafka.streams.kstream.Consumed",
                    "org.apache.kafka.streams.kstream.Materialized", "org.apache.kafka.streams.state.KeyValueStore",
                    "org.apache.kafka.common.serialization.Serdes", "org.apache.kafka.common.utils.Bytes",
                    "io.aerolog.client.kafka.RecordChangeSerde", "io.aerolog.core.Change",
                    "io.aerolog.core.engine.ChangeKind"));
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    /** A ```java block of the README: where it starts (its line) and its code. */
    record Example(int line, String code) {
        /** The name its imports are chosen by. */
        String kind() {
            for (String marker : IMPORTS.keySet()) {
                if (code.contains(marker)) {
                    return marker;
                }
            }
            throw new AssertionError("README line " + line + ": a Java example of a kind ReadmeExamples does not know;"
                    + " add its imports there:\n" + code);
        }

        boolean isKafkaStreams() {
            return kind().equals("StreamsBuilder");
        }
    }

    private ReadmeExamples() {
    }

    /** The repository's README.md, found from the module's directory (where tests run) or the repository's. */
    static Path readme() {
        for (Path p : new Path[] {Path.of("../../README.md"), Path.of("README.md")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new AssertionError("README.md not found from " + Path.of("").toAbsolutePath());
    }

    static List<Example> examples() {
        try {
            String text = Files.readString(readme(), StandardCharsets.UTF_8);
            List<Example> out = new ArrayList<>();
            Matcher m = JAVA_BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                out.add(new Example(line, m.group(1)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The README's Kafka Streams example (the KTable of a changelog): there is exactly one. */
    static Example kafkaStreamsExample() {
        List<Example> streams = examples().stream().filter(Example::isKafkaStreams).toList();
        if (streams.size() != 1) {
            throw new AssertionError("expected one Kafka Streams example in README.md, found " + streams.size());
        }
        return streams.get(0);
    }

    /** The source of the class an example compiles to: its code as the body of {@code run()}. */
    static String source(String className, Example example) {
        StringBuilder src = new StringBuilder("package readme;\n\n");
        for (String imp : IMPORTS.get(example.kind())) {
            src.append("import ").append(imp).append(";\n");
        }
        src.append("\n/** README.md line ").append(example.line()).append(". */\npublic final class ").append(className)
                .append(" {\n    public static Object run() throws Exception {\n");
        src.append(example.code());
        src.append(example.isKafkaStreams() ? "        return builder;\n" : "        return null;\n");
        src.append("    }\n}\n");
        return src.toString();
    }

    /**
     * Compiles {@code example} into {@code out} and loads it; throws an AssertionError with the compiler's messages
     * when the README's code does not compile.
     */
    static Class<?> compile(String className, Example example, Path out) throws Exception {
        Path dir = Files.createDirectories(out.resolve("src/readme"));
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source(className, example));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createDirectories(out.resolve("classes"));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(null, files, diagnostics, List.of("-classpath", classpath(), "-d",
                    classes.toString(), "-proc:none", "--release", "17"), null,
                    files.getJavaFileObjects(file.toFile())).call();
            if (!ok) {
                StringBuilder errors = new StringBuilder("the Java example at README.md line " + example.line()
                        + " does not compile:\n");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    errors.append("  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null))
                            .append('\n');
                }
                throw new AssertionError(errors.append(source(className, example)).toString());
            }
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExamples.class.getClassLoader());
        return loader.loadClass("readme." + className);
    }

    /** The builder the README's Kafka Streams example makes, compiled from the README now. */
    static StreamsBuilder kafkaStreamsBuilder(Path work) throws Exception {
        Class<?> example = compile("ChangelogKTable", kafkaStreamsExample(), work);
        Method run = example.getMethod("run");
        return (StreamsBuilder) run.invoke(null);
    }

    /** The test classpath: java.class.path, or the Class-Path of the manifest-only jar Surefire runs tests from. */
    static String classpath() throws IOException {
        String cp = System.getProperty("java.class.path");
        String[] entries = cp.split(java.io.File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (JarFile jar = new JarFile(entries[0])) {
                Manifest manifest = jar.getManifest();
                String manifestPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                if (manifestPath != null) {
                    List<String> paths = new ArrayList<>();
                    for (String url : manifestPath.trim().split(" +")) {
                        paths.add(Path.of(java.net.URI.create(url.startsWith("file:") ? url : "file:" + url))
                                .toString());
                    }
                    return String.join(java.io.File.pathSeparator, paths);
                }
            }
        }
        return cp;
    }
}
