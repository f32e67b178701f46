package io.aerolog.client.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one request to a node and hands back its {@link Answer}. Kept apart so that the routing and
 * retry logic of {@link HttpAerologClient} depends on no HTTP library, and says what a failure means
 * for a retry by a {@link Kind} rather than by a library's exception types.
 */
interface Transport extends AutoCloseable {
    /**
     * Sends {@code method} {@code path} (with its query, percent-encoded) and {@code body} (JSON, or
     * null for none) to {@code node} (host:port), waiting at most {@code timeoutNanos} for a connection
     * and for the answer. A blocking send runs in the calling thread and returns a completed future;
     * otherwise the future completes on a thread of the client's executor, never on an I/O thread. The
     * future fails with a {@link Failure} when there is no answer.
     *
     * <p>A blocking send may go out on a pooled connection the node has already closed, and then fails
     * as {@link Kind#BROKEN} although the node never saw it: use it only for requests that may be sent
     * again (reads). A non-blocking send does not use a connection the node closed before it was sent.
     */
    CompletableFuture<Answer> send(String node, String method, String path, byte[] body, long timeoutNanos,
                                   boolean blocking);

    /** Closes the connections; sends after this fail. */
    @Override
    void close();

    /** Why a request got no answer, in the terms the retry rules need. */
    enum Kind {
        /** No connection could be opened (refused, connect timed out, unknown host): certainly not sent. */
        NOT_CONNECTED(false, false),
        /** No connection was ready within the timeout (none free in the pool, or still opening): certainly not sent. */
        NOT_SENT_IN_TIME(false, true),
        /** Sent, and no answer within the timeout: a write may have been applied. */
        NO_ANSWER(true, true),
        /** The connection failed once the request may have left: a write may have been applied. */
        BROKEN(true, false);

        private final boolean maybeSent;
        private final boolean timedOut;

        Kind(boolean maybeSent, boolean timedOut) {
            this.maybeSent = maybeSent;
            this.timedOut = timedOut;
        }

        /** Whether the node may have received the request. */
        boolean maybeSent() {
            return maybeSent;
        }

        /** Whether the failure is the timeout running out. */
        boolean timedOut() {
            return timedOut;
        }
    }

    /** A request that got no answer: its {@link Kind}, a short message, and the library's exception as the cause. */
    final class Failure extends IOException {
        private final Kind kind;

        Failure(Kind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        Kind kind() {
            return kind;
        }
    }
}
