package io.aerolog.core.engine;

import io.aerolog.core.Value;

/**
 * The effect of one collection, bit or HyperLogLog operation on one bin: the bin's value after it
 * (null when the bin is left absent or removed) and what the operation returns (null for nothing).
 */
public record BinOpResult(Value bin, Value result) {
}
