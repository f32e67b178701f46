package io.aerolog.client;

import io.aerolog.core.Key;

/**
 * One key of a batch operate ({@link AerologClient#operate(BatchPolicy, java.util.List)}), as Aerospike's
 * {@code BatchRecord}: a {@link BatchRead}, a {@link BatchWrite} or a {@link BatchDelete}.
 */
public sealed interface BatchRecord permits BatchRead, BatchWrite, BatchDelete {
    Key key();

    /** Whether it goes to the key's master as a write. */
    boolean writes();
}
