package io.aerolog.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.server.ThreadCpuMeters.Part;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ThreadCpuMetersTest {
    @Test
    void threadsAreCountedToThePartTheirNameSays() {
        assertThat(Part.of("aerolog.local.test-1b2c-StreamThread-1")).isEqualTo(Part.STREAM);
        assertThat(Part.of("kafka-producer-network-thread | aerolog.local.test-StreamThread-1-producer"))
                .isEqualTo(Part.KAFKA_CLIENT);
        assertThat(Part.of("data-plane-kafka-request-handler-3")).isEqualTo(Part.BROKER);
        assertThat(Part.of("ReplicaFetcherThread-0-1")).isEqualTo(Part.BROKER);
        assertThat(Part.of("epollEventLoopGroup-3-1")).isEqualTo(Part.FRONT_DOOR);
        assertThat(Part.of("XNIO-1 I/O-2")).isEqualTo(Part.FRONT_DOOR);
        assertThat(Part.of("aerolog-test-appender")).isEqualTo(Part.FRONT_DOOR);
        assertThat(Part.of("main")).isEqualTo(Part.OTHER);
    }

    @Test
    void aBusyThreadsTimeShowsInItsPart() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ThreadCpuMeters.bindTo(registry);
        System.gc(); // the registry must hold the meters strongly: a weakly held one reads 0 for good after a GC
        double before = registry.get("aerolog.thread.cpu.time").tag("part", "other").functionCounter().count();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread busy = new Thread(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() % 7;
            }
            assertThat(x).isNotNegative();
        }, "busy-for-the-test");
        busy.start();
        Thread.sleep(1_000);
        double whileAlive = registry.get("aerolog.thread.cpu.time").tag("part", "other").functionCounter().count();
        assertThat(whileAlive - before).as("a running thread's time").isGreaterThan(100_000_000);
        Thread.sleep(600);
        stop.set(true);
        busy.join();
        Thread.sleep(600); // past the meters' refresh interval, so the thread is seen to have ended
        double after = registry.get("aerolog.thread.cpu.time").tag("part", "other").functionCounter().count();
        assertThat(after).as("a thread that ended keeps its time").isGreaterThanOrEqualTo(whileAlive);
    }
}
