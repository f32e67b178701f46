package io.aerolog.core.exp.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;

/**
 * The record's metadata, key and bins as expressions read them ({@code eval_meta_*}, {@code eval_rec_key},
 * {@code eval_bin}, {@code eval_bin_type} in {@code exp.c}). Times are the server's: last-update and
 * void-time in nanoseconds since the Unix epoch (the server converts its "citrus epoch" clock),
 * since-update in milliseconds, TTL in seconds (-1 for never, at least 1 for a record past its void
 * time but not yet removed), all taken from the command's time, never the wall clock.
 */
final class Metadata {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Aerospike stores records in 16-byte blocks ({@code RBLOCK_SIZE}); sizes are whole blocks. */
    private static final int RBLOCK_SIZE = 16;

    private Metadata() {
    }

    static String name(int code) {
        return switch (code) {
            case Compiler.DEVICE_SIZE -> "device_size";
            case Compiler.LAST_UPDATE -> "last_update";
            case Compiler.SINCE_UPDATE -> "since_update";
            case Compiler.VOID_TIME -> "void_time";
            case Compiler.TTL -> "ttl";
            case Compiler.SET_NAME -> "set_name";
            case Compiler.KEY_EXISTS -> "key_exists";
            case Compiler.IS_TOMBSTONE -> "is_tombstone";
            case Compiler.MEMORY_SIZE -> "memory_size";
            default -> "record_size";
        };
    }

    static Expr of(int code) {
        return switch (code) {
            case Compiler.DEVICE_SIZE, Compiler.RECORD_SIZE ->
                    new Expr(ResultType.INT, env -> Value.of(storedSize(env.record)));
            // Aerolog keeps no namespace in memory only: memory_size is 0, as Aerospike answers
            // for a namespace stored on a device.
            case Compiler.MEMORY_SIZE -> new Expr(ResultType.INT, env -> Value.of(0L));
            case Compiler.LAST_UPDATE ->
                    new Expr(ResultType.INT, env -> Value.of(env.record.lastUpdateMillis() * NANOS_PER_MILLI));
            case Compiler.SINCE_UPDATE -> new Expr(ResultType.INT, env -> {
                long lut = env.record.lastUpdateMillis();
                return Value.of(env.nowMillis > lut ? env.nowMillis - lut : 0);
            });
            case Compiler.VOID_TIME -> new Expr(ResultType.INT, env -> {
                long v = env.record.voidTimeMillis();
                return Value.of(v == 0 ? -1 : v / 1000 * NANOS_PER_SECOND);
            });
            case Compiler.TTL -> new Expr(ResultType.INT, env -> Value.of(ttl(env.record, env.nowMillis)));
            case Compiler.SET_NAME -> new Expr(ResultType.STR, env -> Value.of(env.record.set()));
            case Compiler.KEY_EXISTS -> new Expr(ResultType.BOOL, env -> Value.of(env.record.userKey() != null));
            default -> new Expr(ResultType.BOOL, env -> Value.of(false)); // is_tombstone: a live record
        };
    }

    /** {@code cf_server_void_time_to_ttl}: -1 for never, seconds left, at least 1. */
    static long ttl(Record record, long nowMillis) {
        long voidTime = record.voidTimeMillis();
        if (voidTime == 0) {
            return -1;
        }
        long voidSeconds = voidTime / 1000;
        long nowSeconds = nowMillis / 1000;
        return voidSeconds > nowSeconds ? voidSeconds - nowSeconds : 1;
    }

    /** The record's stored size in whole 16-byte blocks, from Aerolog's estimate of its bytes. */
    static long storedSize(Record record) {
        long size = record.estimatedSize();
        return (size + RBLOCK_SIZE - 1) / RBLOCK_SIZE * RBLOCK_SIZE;
    }

    /**
     * The digest's bytes 16-19 as an unsigned little-endian integer, modulo {@code mod}
     * ({@code eval_meta_digest_mod}); the digest must be given by the caller.
     */
    static Expr digestModulo(int mod) {
        return new Expr(ResultType.INT, env -> {
            if (env.digest == null || env.digest.length < 20) {
                throw new AerologException(ResultCode.UNSUPPORTED_FEATURE,
                        "expression digest_modulo needs the key's digest, which this caller did not give");
            }
            long v = (env.digest[16] & 0xffL) | (env.digest[17] & 0xffL) << 8 | (env.digest[18] & 0xffL) << 16
                    | (env.digest[19] & 0xffL) << 24;
            return Value.of(v % mod);
        });
    }

    /** The stored user key if it is of the asked type; unknown otherwise (not stored, or another type). */
    static Expr key(ResultType type) {
        return new Expr(type, env -> {
            Value k = env.record.userKey();
            if (k == null || ResultType.of(k) != type) {
                throw Unknown.INSTANCE;
            }
            return k;
        });
    }

    /** A bin's value if it exists with the asked type; unknown otherwise. */
    static Expr bin(String name, ResultType type) {
        return new Expr(type, env -> {
            Value v = env.record.bins().get(name);
            if (v == null || v instanceof Value.NilValue || ResultType.of(v) != type) {
                throw Unknown.INSTANCE;
            }
            return v;
        });
    }

    /** A bin's particle type number, 0 when the bin does not exist. */
    static Expr binType(String name) {
        return new Expr(ResultType.INT, env -> Value.of(ResultType.particleType(env.record.bins().get(name))));
    }
}
