package io.aerolog.client.cdt;

import java.util.Objects;

/**
 * The order and write flags of list writes, as Aerospike's {@code ListPolicy}.
 *
 * @param order the order a list created by the write keeps
 * @param flags {@link ListWriteFlags}, OR'd
 */
public record ListPolicy(ListOrder order, int flags) {
    public static final ListPolicy DEFAULT = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.DEFAULT);

    public ListPolicy {
        Objects.requireNonNull(order, "order");
    }
}
