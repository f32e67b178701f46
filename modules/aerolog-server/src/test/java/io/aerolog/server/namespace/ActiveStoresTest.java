package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aerolog.protocol.Replica;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ActiveStoresTest {
    @Test
    void aReadThatGivesUpWaitingForTheCatchUpLeavesItToTheNextReads() {
        CompletableFuture<Void> log = new CompletableFuture<>();
        ActiveStores stores = new ActiveStores(0, p -> log);
        stores.opened(2, null, () -> io.aerolog.server.scan.TruncateTimes.NONE);
        PartitionRouter router = new PartitionRouter("test", "records", null, stores, "127.0.0.1:1");
        Route.Active waiting = (Route.Active) router.read(2, Replica.MASTER, -1);

        // what a front door does with a read's own timeout (WireHandler, RecordHandlers, BackgroundJob)
        CompletableFuture<Void> impatient = waiting.readable().orTimeout(1, TimeUnit.MILLISECONDS);
        assertThatThrownBy(impatient::join).hasCauseInstanceOf(TimeoutException.class);

        assertThat(waiting.caughtUp()).as("still catching up, not failed for good").isFalse();
        assertThat(stores.catchingUp()).containsExactly(2);
        log.complete(null);
        Route.Active later = (Route.Active) router.read(2, Replica.MASTER, -1);
        assertThat(later.caughtUp()).as("the partition serves reads once it caught up").isTrue();
        assertThat(later.readable()).isCompleted();
        assertThat(waiting.caughtUp()).isTrue();
        assertThat(stores.catchingUp()).isEmpty();
        assertThat(router.mastersHere(2)).as("what replicas claims, the router serves").isTrue();
    }

    @Test
    void aPartitionThatClosesEndsTheWaitsOfItsReads() {
        ActiveStores stores = new ActiveStores(0, p -> new CompletableFuture<>());
        stores.opened(5, null, () -> io.aerolog.server.scan.TruncateTimes.NONE);
        Route.Active active = new Route.Active(5, stores.of(5));
        CompletableFuture<Void> waiting = active.readable();

        stores.closed(5, null);

        assertThat(waiting).isCompletedExceptionally();
        assertThat(stores.of(5)).isNull();
    }
}
