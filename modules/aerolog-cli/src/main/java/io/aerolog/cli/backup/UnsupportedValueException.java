package io.aerolog.cli.backup;

/** A value the backup file cannot hold (or Aerospike's client cannot write): refused, never dropped. */
final class UnsupportedValueException extends RuntimeException {
    UnsupportedValueException(String message) {
        super(message, null, false, false);
    }
}
