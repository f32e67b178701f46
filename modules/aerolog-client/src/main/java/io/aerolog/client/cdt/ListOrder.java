package io.aerolog.client.cdt;

/** The order a list keeps, as Aerospike's {@code ListOrder}: its attributes and the flag of a created list. */
public enum ListOrder {
    UNORDERED(0), ORDERED(1);

    final int attributes;

    ListOrder(int attributes) {
        this.attributes = attributes;
    }

    /** The flag a context that creates a list of this order carries. */
    int flag(boolean pad) {
        return this == ORDERED ? 0xc0 : pad ? 0x80 : 0x40;
    }
}
