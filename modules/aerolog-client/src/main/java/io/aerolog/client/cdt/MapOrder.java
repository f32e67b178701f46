package io.aerolog.client.cdt;

/** The order a map keeps, as Aerospike's {@code MapOrder}: its attributes and the flag of a created map. */
public enum MapOrder {
    UNORDERED(0, 0x40), KEY_ORDERED(1, 0x80), KEY_VALUE_ORDERED(3, 0xc0);

    final int attributes;
    final int flag;

    MapOrder(int attributes, int flag) {
        this.attributes = attributes;
        this.flag = flag;
    }
}
