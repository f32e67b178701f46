package io.aerolog.core.cdt.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;

/**
 * The codes of the list and map reads that select elements by value, key or interval, the count return type and
 * the context prefix, as this package serves them: for code outside it that writes such an operation (an
 * expression that counts a collection's matching elements), so the codes have one definition.
 */
public final class ElementReads {
    public static final int LIST_ALL_BY_VALUE = ListOperations.GET_ALL_BY_VALUE;
    public static final int LIST_BY_VALUE_INTERVAL = ListOperations.GET_BY_VALUE_INTERVAL;
    public static final int MAP_BY_KEY = MapOperations.GET_BY_KEY;
    public static final int MAP_BY_KEY_INTERVAL = MapOperations.GET_BY_KEY_INTERVAL;
    public static final int MAP_ALL_BY_VALUE = MapOperations.GET_ALL_BY_VALUE;
    public static final int MAP_BY_VALUE_INTERVAL = MapOperations.GET_BY_VALUE_INTERVAL;
    /** The return type that answers how many elements were selected. */
    public static final int RETURN_COUNT = Result.COUNT;
    /** The code of an operation at a context: {@code [CONTEXT_EVAL, context, [code, args...]]}. */
    public static final int CONTEXT_EVAL = CdtEngine.CONTEXT_EVAL;

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
        return (type.value() & Context.CTX_TYPE_MASK & ~Context.CTX_BASE_MASK) == Context.CTX_MAP;
    }
}
