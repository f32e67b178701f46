package io.aerolog.client.cdt;

/** The older form of map write flags, as Aerospike's {@code MapWriteMode}: the operation codes a put uses. */
public enum MapWriteMode {
    UPDATE(67, 68), UPDATE_ONLY(69, 70), CREATE_ONLY(65, 66);

    final int itemCode;
    final int itemsCode;

    MapWriteMode(int itemCode, int itemsCode) {
        this.itemCode = itemCode;
        this.itemsCode = itemsCode;
    }
}
