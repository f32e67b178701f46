package io.aerolog.bench.ycsb;

import java.util.concurrent.atomic.AtomicInteger;
import site.ycsb.Status;

/** Reports the first failures of a run on stderr (YCSB itself only counts them), then stays quiet. */
final class ErrorLog {
    private static final int SHOWN = 10;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private ErrorLog() {
    }

    static Status error(String system, Exception e) {
        int n = COUNT.incrementAndGet();
        if (n <= SHOWN) {
            System.err.println(system + " error " + n + ": " + e);
        } else if (n == SHOWN + 1) {
            System.err.println(system + ": further errors not shown");
        }
        return Status.ERROR;
    }
}
