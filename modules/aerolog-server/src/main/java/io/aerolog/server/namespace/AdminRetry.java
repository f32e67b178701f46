package io.aerolog.server.namespace;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * A call through Kafka's admin client, tried once more with a new client when the node's own fails. Kafka's
 * admin client failed {@code listTransactions}, which asks every broker, with {@code IllegalArgumentException:
 * Unexpected key set} for up to a minute after a broker of {@code ops/cluster} was killed and restarted; a new
 * client, with its own metadata and connections, answered at once.
 */
final class AdminRetry {
    private AdminRetry() {
    }

    /**
     * Runs {@code call} on {@code admin}; if it fails, tells {@code onFirstFailure} and runs it on a client from
     * {@code fresh}, closed once that call has ended.
     */
    static <T> CompletionStage<T> call(Admin admin, Supplier<Admin> fresh, Function<Admin, CompletionStage<T>> call,
                                       Consumer<Throwable> onFirstFailure) {
        return call.apply(admin).exceptionallyCompose(first -> {
            onFirstFailure.accept(first);
            Admin again = fresh.get();
            // closed off the admin client's own thread, which runs this callback
            return call.apply(again).whenComplete((v, e) ->
                    CompletableFuture.runAsync(() -> again.close(Duration.ofSeconds(5))));
        });
    }
}
