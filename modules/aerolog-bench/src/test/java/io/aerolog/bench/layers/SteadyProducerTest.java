package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.client.kafka.CommandSerializer;
import io.aerolog.client.kafka.DigestSerializer;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.Key;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/** The steady producer's counts and pacing, on Kafka's MockProducer. */
class SteadyProducerTest {
    private static final String[] VALUES = KafkaNative.values(new SplittableRandom(1), 1, 100);

    private static MockProducer<Digest, Command> mock() {
        return new MockProducer<>(true, null, new DigestSerializer(), new CommandSerializer());
    }

    @Test
    void countsEverySendTheBrokerAcknowledged() throws Exception {
        MockProducer<Digest, Command> mock = mock();
        SteadyProducer producer = new SteadyProducer(mock, i -> KafkaNative.write(Key.of("test", "s", "k" + (i % 10)), VALUES), 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (producer.acknowledged() < 1_000 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        producer.close();
        assertThat(producer.acknowledged()).isGreaterThanOrEqualTo(1_000).isEqualTo(mock.history().size());
        assertThat(producer.failed()).isZero();
        assertThat(mock.closed()).isTrue();
    }

    @Test
    void aRateBoundsTheSends() throws Exception {
        MockProducer<Digest, Command> mock = mock();
        long start = System.nanoTime();
        SteadyProducer producer = new SteadyProducer(mock, i -> KafkaNative.write(Key.of("test", "s", "k" + i), VALUES), 50);
        Thread.sleep(300);
        producer.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        // send i leaves no earlier than i / 50 s after the start
        assertThat((double) producer.acknowledged()).isPositive().isLessThanOrEqualTo(50 * seconds + 1);
    }

    @Test
    void aRecordThatCannotBeMadeCountsAsAFailure() throws Exception {
        MockProducer<Digest, Command> mock = mock();
        SteadyProducer producer = new SteadyProducer(mock, i -> {
            throw new IllegalStateException("no record " + i);
        }, 1_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (producer.failed() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        producer.close();
        assertThat(producer.failed()).isPositive();
        assertThat(producer.firstFailure()).hasMessageStartingWith("no record ");
        assertThat(producer.acknowledged()).isZero();
    }
}
