package io.aerolog.server.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class AdminRetryTest {
    /** Clients of a broker that is not there: the calls under test never reach one. */
    private static Admin nowhere() {
        return Admin.create(Map.of("bootstrap.servers", "127.0.0.1:1", "default.api.timeout.ms", 60_000,
                "request.timeout.ms", 60_000));
    }

    @Test
    void aCallThatSucceedsIsNotTriedAgain() throws Exception {
        try (Admin admin = nowhere()) {
            String answer = AdminRetry.call(admin, () -> {
                throw new AssertionError("no second client when the first answers");
            }, a -> CompletableFuture.completedFuture("first"), e -> {
                throw new AssertionError("no failure to report");
            }).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(answer).isEqualTo("first");
        }
    }

    @Test
    void aFailedCallIsTriedOnceOnANewClientWhichIsClosedAfter() throws Exception {
        List<Throwable> reported = new ArrayList<>();
        List<Admin> made = new ArrayList<>();
        try (Admin admin = nowhere()) {
            String answer = AdminRetry.call(admin, () -> {
                Admin again = nowhere();
                made.add(again);
                return again;
            }, a -> a == admin ? CompletableFuture.failedFuture(new IllegalArgumentException("Unexpected key set"))
                    : CompletableFuture.completedFuture("second"), reported::add)
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);

            assertThat(answer).isEqualTo("second");
            assertThat(reported).singleElement().asString().contains("Unexpected key set");
            assertThat(made).hasSize(1);
            // a closed client refuses new calls at once; an open one would wait for the missing broker
            assertThatThrownBy(() -> made.get(0).listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void aSecondFailureIsTheAnswer() {
        try (Admin admin = nowhere()) {
            assertThatThrownBy(() -> AdminRetry.call(admin, AdminRetryTest::nowhere,
                    a -> CompletableFuture.<String>failedFuture(new IllegalStateException("down")), e -> { })
                    .toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(IllegalStateException.class);
        }
    }
}
