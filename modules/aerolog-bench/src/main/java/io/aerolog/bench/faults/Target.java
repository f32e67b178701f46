package io.aerolog.bench.faults;

import com.aerospike.client.Host;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The system the faults are done to: its node and broker processes by name, where to reach them, and how to
 * start one again. {@link OpsCluster} drives {@code ops/cluster}; {@link EmbeddedNode} one node on its
 * embedded default started with {@code ops/aerolog server}.
 */
interface Target extends AutoCloseable {
    /** A short name for the report ({@code cluster}, {@code embedded}). */
    String id();

    /** What it is, for the report. */
    String describe();

    List<String> nodes();

    /** The brokers that can be killed apart from the nodes (none on the embedded default). */
    List<String> brokers();

    Host[] aerospikeHosts();

    String bootstrapServers();

    URI http(String node);

    /** The process id of a running node or broker. */
    long pid(String name) throws IOException;

    /** Starts a stopped process again and returns at once; {@link #awaitStarted} waits for its launcher. */
    void restart(String name) throws IOException;

    /** Waits until what {@link #restart} launched is ready by the launcher's own measure (a broker: listening). */
    void awaitStarted(String name, Duration timeout) throws Exception;

    /** Log files whose lines the report counts (broker logs, node logs). */
    List<Path> logs();

    @Override
    void close() throws Exception;
}
