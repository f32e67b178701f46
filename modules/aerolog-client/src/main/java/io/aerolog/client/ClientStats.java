package io.aerolog.client;

/**
 * Counters of a client since it connected, for tests and dashboards.
 *
 * @param requests    HTTP requests sent for records (every attempt; map reads are not counted)
 * @param forwarded   answers that another node than the one asked served (a routing miss: the
 *                    client's map was stale), from the {@code X-Aerolog-Served-By} header
 * @param retries     attempts made again after a retryable failure
 * @param mapRefreshes partition maps read from the cluster (the one at connect included)
 */
public record ClientStats(long requests, long forwarded, long retries, long mapRefreshes) {
}
