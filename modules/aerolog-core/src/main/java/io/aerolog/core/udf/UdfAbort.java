package io.aerolog.core.udf;

/**
 * Ends a UDF call at once: it ran out of instructions or memory, or did what replay could not repeat. An
 * {@link Error}, not a {@code LuaError}, so that no {@code pcall} in the UDF can catch it and go on; the
 * call fails with {@link #getMessage()} in its FAILURE bin.
 */
final class UdfAbort extends Error {
    private UdfAbort(String message) {
        super(message, null, false, false);
    }

    /** Aerospike's message when a UDF runs past its deadline ({@code check_timer} in mod_lua), after {@code where}. */
    static UdfAbort timeout(String where) {
        return new UdfAbort(where + "UDF Execution Timeout");
    }

    /** Lua's own message when an allocation is refused (LUA_ERRMEM). */
    static UdfAbort memory() {
        return new UdfAbort("not enough memory");
    }

    static UdfAbort of(String message) {
        return new UdfAbort(message);
    }
}
