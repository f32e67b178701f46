package io.aerolog.server;

import io.aerolog.server.config.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aerolog server}: runs a node until SIGTERM or Ctrl-C, then stops it within {@link #SHUTDOWN_DEADLINE}
 * or halts the process (see {@link ShutdownSequence}).
 */
@Command(name = "aerolog-server", mixinStandardHelpOptions = true, version = "Aerolog 0.1.0",
        description = "Runs an Aerolog node. With no --bootstrap-servers it starts a Kafka broker inside the "
                + "process (the embedded default): namespace 'test', data under ./data, HTTP on 127.0.0.1:8080.")
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /**
     * How long SIGTERM may take: every close within it, or the process halts naming what did not stop
     * (Kafka Streams' own close waits up to 30 s, the broker's shutdown had hung for minutes).
     */
    static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(30);

    @Option(names = "--config", description = "YAML configuration file (see ops/aerolog.yaml)")
    Path config;

    @Option(names = "--data-dir", description = "where Kafka logs and RocksDB stores live (default ./data)")
    Path dataDir;

    @Option(names = "--http-port", description = "HTTP port (default 8080)")
    Integer httpPort;

    @Option(names = "--http-host", description = "HTTP listen address (default 127.0.0.1)")
    String httpHost;

    @Option(names = "--bootstrap-servers", description = "an external Kafka cluster; no embedded broker then")
    String bootstrapServers;

    @Option(names = "--node-id", description = "this node's id (default node-1)")
    String nodeId;

    @Option(names = "--kafka-port", description = "port of the embedded broker (default 9092)")
    Integer kafkaPort;

    @Option(names = "--aerospike-port", description = "port of the Aerospike wire protocol (default 3000; -1 off)")
    Integer aerospikePort;

    @Option(names = "--aerospike-host", description = "listen address of the Aerospike wire protocol (default 127.0.0.1)")
    String aerospikeHost;

    @Option(names = "--record-cache-mb", description = "heap for decoded hot records per namespace (default 64; 0 off)")
    Integer recordCacheMb;

    @Override
    public Integer call() throws Exception {
        NodeConfig cfg = config == null ? new NodeConfig() : NodeConfig.load(config);
        if (dataDir != null) {
            cfg.dataDir = dataDir.toString();
        }
        if (httpPort != null) {
            cfg.http.port = httpPort;
        }
        if (httpHost != null) {
            cfg.http.host = httpHost;
        }
        if (aerospikePort != null) {
            cfg.aerospike.port = aerospikePort;
        }
        if (aerospikeHost != null) {
            cfg.aerospike.host = aerospikeHost;
        }
        if (recordCacheMb != null) {
            if (recordCacheMb < 0) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--record-cache-mb is 0 (no cache) or more, not " + recordCacheMb);
            }
            cfg.recordCacheMb = recordCacheMb;
        }
        if (bootstrapServers != null) {
            cfg.kafka.bootstrapServers = bootstrapServers;
        }
        if (nodeId != null) {
            cfg.nodeId = nodeId;
        }
        if (kafkaPort != null) {
            cfg.kafka.embeddedPort = kafkaPort;
            cfg.kafka.embeddedControllerPort = kafkaPort + 1;
        }
        long start = System.nanoTime();
        AerologNode node = AerologNode.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (ShutdownSequence.halting(node.shutdownSteps(), SHUTDOWN_DEADLINE).run()) {
                    LOG.info("Aerolog node {} stopped", cfg.nodeId);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "aerolog-shutdown"));
        boolean running = node.awaitRunning(Duration.ofSeconds(60));
        System.out.printf("Aerolog node %s ready on %s://%s:%d%s in %d ms%s (Ctrl-C stops it)%n", cfg.nodeId,
                cfg.http.tls == null ? "http" : "https", cfg.http.host, node.httpPort(), node.aerospikePort() < 0 ? ""
                        : " and Aerospike clients on " + cfg.aerospike.host + ":" + node.aerospikePort(),
                (System.nanoTime() - start) / 1_000_000, running ? "" : ", namespaces still restoring");
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
