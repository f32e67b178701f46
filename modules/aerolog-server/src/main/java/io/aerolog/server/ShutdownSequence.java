package io.aerolog.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node's closes in order within one deadline, and halts the process when they do not finish: a
 * close that hangs (a broker shutdown waiting on a dead controller, a stream thread stuck in a call) must not
 * keep a stopping node alive with its ports closed, or a supervisor never gets to restart it. The closes run
 * in a thread of their own; a close that throws is logged and the next one runs. When the deadline passes,
 * one error line names the close that did not stop and those never reached, and the process is halted
 * ({@link Runtime#halt}: shutdown hooks are already running, so {@code System.exit} would block).
 */
final class ShutdownSequence {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSequence.class);
    /** The exit status of a halted shutdown. */
    static final int HALT_STATUS = 70;

    /** One close, and the name the log line gives it. */
    record Step(String name, Runnable close) {
    }

    /** Ends the process; a test replaces it. */
    interface Halt {
        void halt(int status);
    }

    private final List<Step> steps;
    private final Duration deadline;
    private final Halt halt;
    private volatile int current = -1;

    ShutdownSequence(List<Step> steps, Duration deadline, Halt halt) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the shutdown deadline must be positive, not " + deadline);
        }
        this.steps = List.copyOf(steps);
        this.deadline = deadline;
        this.halt = halt;
    }

    /** The sequence that halts the JVM with {@link #HALT_STATUS}. */
    static ShutdownSequence halting(List<Step> steps, Duration deadline) {
        return new ShutdownSequence(steps, deadline, status -> Runtime.getRuntime().halt(status));
    }

    /**
     * Runs the steps; returns true when every one returned within the deadline. Otherwise logs what did not
     * stop, calls the halt (which does not return in production) and returns false.
     */
    boolean run() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread runner = new Thread(() -> {
            for (int i = 0; i < steps.size(); i++) {
                current = i;
                Step step = steps.get(i);
                try {
                    step.close().run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("stopping {} failed: {}", step.name(), e.toString(), e);
                }
            }
            current = steps.size();
            done.countDown();
        }, "aerolog-shutdown-steps");
        runner.setDaemon(true);
        runner.start();
        if (done.await(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
            return true;
        }
        LOG.error("{}; halting the process (exit status {})", describeHang(), HALT_STATUS);
        halt.halt(HALT_STATUS);
        return false;
    }

    /** What has not stopped, for the log line: the close in progress and the ones not started. */
    String describeHang() {
        int at = Math.max(0, current);
        if (at >= steps.size()) {
            return "the node stopped just at its shutdown deadline of " + deadline.toMillis() + " ms";
        }
        List<String> notRun = new ArrayList<>();
        for (int i = at + 1; i < steps.size(); i++) {
            notRun.add(steps.get(i).name());
        }
        return "the node did not stop within " + deadline.toMillis() + " ms: " + steps.get(at).name()
                + " did not stop" + (notRun.isEmpty() ? "" : " (not stopped either: " + String.join(", ", notRun) + ")");
    }
}
