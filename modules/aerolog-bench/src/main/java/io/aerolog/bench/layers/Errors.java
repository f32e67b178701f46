package io.aerolog.bench.layers;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Failures of a run, shared by its threads: a count and the first few messages, for the report. */
final class Errors {
    static final int SAMPLES = 10;
    private final AtomicLong count = new AtomicLong();
    private final List<String> samples = new CopyOnWriteArrayList<>();

    void add(String what) {
        count.incrementAndGet();
        if (samples.size() < SAMPLES) {
            samples.add(what.replace('\n', ' '));
        }
    }

    long count() {
        return count.get();
    }

    List<String> samples() {
        return List.copyOf(samples);
    }
}
