package io.aerolog.client.operation;

/**
 * The write flags of bit operations, as Aerospike's {@code BitPolicy}.
 *
 * @param flags {@link BitWriteFlags}, OR'd
 */
public record BitPolicy(int flags) {
    public static final BitPolicy DEFAULT = new BitPolicy(BitWriteFlags.DEFAULT);
}
