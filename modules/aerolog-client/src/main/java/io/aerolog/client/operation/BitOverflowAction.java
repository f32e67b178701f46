package io.aerolog.client.operation;

/** What a bit add or subtract does when the result overflows its bits, as Aerospike's {@code BitOverflowAction}. */
public enum BitOverflowAction {
    FAIL(0), SATURATE(2), WRAP(4);

    final int flags;

    BitOverflowAction(int flags) {
        this.flags = flags;
    }
}
