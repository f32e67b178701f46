package io.aerolog.cli.backup;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live line of a backup or restore on standard error (the progress-bar library {@code aerolog load}
 * uses): records done of those expected, with the ETA it computes, bytes and the rate. Off (every call a
 * no-op) when asked or when standard error is not a terminal.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();

    Progress(String task, long expected, boolean enabled, PrintStream err) {
        bar = enabled ? new ProgressBarBuilder().setTaskName(task).setInitialMax(expected > 0 ? expected : -1)
                .setUnit(" rec", 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(err, 120)).build() : null;
    }

    /** Whether a progress line can be shown: not asked off, and standard error is the process's, on a terminal. */
    static boolean wanted(boolean noProgress, PrintStream err) {
        return !noProgress && err == System.err && System.console() != null;
    }

    void update(long records, long bytes) {
        if (bar == null) {
            return;
        }
        if (bar.getMax() > 0 && records > bar.getMax()) {
            bar.maxHint(records);
        }
        bar.stepTo(records);
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        bar.setExtraMessage(String.format(Locale.ROOT, "%,.1f MB, %,.0f rec/s", bytes / 1e6, records / seconds));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
