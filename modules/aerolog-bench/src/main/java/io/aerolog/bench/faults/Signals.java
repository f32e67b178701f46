package io.aerolog.bench.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The signals of a fault, sent to a process by pid as {@code kill -s SIGNAL pid} does: KILL, STOP, CONT. */
final class Signals {
    private Signals() {
    }

    static void send(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes()).trim();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -s " + signal + " " + pid + " failed: " + out);
        }
    }

    /** Waits until the process is gone (a killed process is reaped by its parent). */
    static void awaitExit(long pid, Duration timeout) throws InterruptedException, TimeoutException {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (h.isPresent() && h.get().isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("process " + pid + " still alive after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }
}
