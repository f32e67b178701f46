package io.aerolog.client.operation;

/**
 * The write flags of HyperLogLog operations, as Aerospike's {@code HLLPolicy}.
 *
 * @param flags {@link HLLWriteFlags}, OR'd
 */
public record HLLPolicy(int flags) {
    public static final HLLPolicy DEFAULT = new HLLPolicy(HLLWriteFlags.DEFAULT);
}
