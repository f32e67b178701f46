package io.aerolog.cli.load;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a load run measured: latencies of reads and writes in microseconds (only operations that
 * succeeded), reads that found no record, failures by Aerospike result code, and the run's length.
 */
record LoadResult(Histogram reads, Histogram writes, long notFound, Map<Integer, Long> errors, long elapsedNanos) {
    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    long operations() {
        return reads.getTotalCount() + writes.getTotalCount();
    }

    double perSecond(long count) {
        return elapsedNanos == 0 ? 0 : count * 1e9 / elapsedNanos;
    }
}
