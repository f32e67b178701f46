package io.aerolog.core.cdt;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;

/**
 * The codes of the list and map reads that select elements by value, key or interval, the count return type and
 * the context's codes (Aerospike's numbers, {@code cdt.c}): the one definition, which the operations of this package
 * are served by and which code outside it uses to write such an operation (an expression that counts a
 * collection's matching elements).
 */
public final class ElementReads {
    public static final int LIST_ALL_BY_VALUE = 22;
    public static final int LIST_BY_VALUE_INTERVAL = 25;
    public static final int MAP_BY_KEY = 97;
    public static final int MAP_ALL_BY_VALUE = 102;
    public static final int MAP_BY_KEY_INTERVAL = 103;
    public static final int MAP_BY_VALUE_INTERVAL = 105;
    /** The return type that answers how many elements were selected. */
    public static final int RETURN_COUNT = 5;
    /** The code of an operation at a context: {@code [CONTEXT_EVAL, context, [code, args...]]}. */
    public static final int CONTEXT_EVAL = 0xff;
    /** A context level's type bit for a level in a list ({@code AS_CDT_CTX_LIST}). */
    public static final int CONTEXT_IN_LIST = 0x10;
    /** A context level's type bit for a level in a map ({@code AS_CDT_CTX_MAP}). */
    public static final int CONTEXT_IN_MAP = 0x20;

    private ElementReads() {
    }

    /**
     * Whether the packed {@code context} (Aerospike's CTX list of type, value pairs) starts in a map, so the bin it
     * is followed from holds a map (else a list).
     *
     * @throws AerologException PARAMETER_ERROR when it is not a list starting with a context type
     */
    public static boolean startsInMap(byte[] context) {
        Value decoded = MsgPack.unpack(context, 0, context.length);
        if (!(decoded instanceof Value.ListValue list) || list.items().isEmpty()
                || !(list.items().get(0) instanceof Value.IntegerValue type)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a context is a list of type, value pairs");
        }
        return (type.value() & (CONTEXT_IN_LIST | CONTEXT_IN_MAP)) == CONTEXT_IN_MAP;
    }
}
