package io.aerolog.core;

import java.util.Objects;

/** One operation of a command, on a bin (or on the record, for TOUCH, DELETE and header reads). */
public record Operation(OperationType type, String bin, Value value) {
    public Operation {
        Objects.requireNonNull(type, "type");
    }

    public static Operation write(String bin, Value value) {
        return new Operation(OperationType.WRITE, bin, value);
    }

    public static Operation deleteBin(String bin) {
        return new Operation(OperationType.DELETE_BIN, bin, null);
    }

    public static Operation add(String bin, Value delta) {
        return new Operation(OperationType.ADD, bin, delta);
    }

    public static Operation append(String bin, Value suffix) {
        return new Operation(OperationType.APPEND, bin, suffix);
    }

    public static Operation prepend(String bin, Value prefix) {
        return new Operation(OperationType.PREPEND, bin, prefix);
    }

    public static Operation touch() {
        return new Operation(OperationType.TOUCH, null, null);
    }

    public static Operation read(String bin) {
        return new Operation(OperationType.READ, bin, null);
    }

    public static Operation readAll() {
        return new Operation(OperationType.READ, null, null);
    }

    public static Operation readHeader() {
        return new Operation(OperationType.READ_HEADER, null, null);
    }

    public static Operation delete() {
        return new Operation(OperationType.DELETE, null, null);
    }
}
