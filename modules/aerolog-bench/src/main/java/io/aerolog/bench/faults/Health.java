package io.aerolog.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A node's HTTP answers the suite waits for: {@code /health} 200 (UP) and a record that reads. */
final class Health {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Health() {
    }

    /** The status of {@code GET base+path}, or -1 when nothing answered within 2 s. */
    static int status(URI base, String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    static boolean up(URI base) throws InterruptedException {
        return status(base, "/health") == 200;
    }

    /** Waits until /health answers 200; returns {@link System#nanoTime()} then. */
    static long awaitUp(URI base, Duration timeout) throws InterruptedException, TimeoutException {
        return await(base, "/health", timeout);
    }

    /** Waits until {@code GET path} answers 200; returns {@link System#nanoTime()} then. */
    static long await(URI base, String path, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (status(base, path) == 200) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("GET " + base.resolve(path) + " did not answer 200 within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
