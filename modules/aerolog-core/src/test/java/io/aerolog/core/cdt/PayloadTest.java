package io.aerolog.core.cdt;

import static io.aerolog.core.cdt.CdtSupport.exact;
import static io.aerolog.core.cdt.CdtSupport.list;
import static io.aerolog.core.cdt.CdtSupport.map;
import static io.aerolog.core.cdt.CdtSupport.refusesModify;
import static io.aerolog.core.cdt.CdtSupport.refusesRead;
import static io.aerolog.core.cdt.CdtSupport.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operation payload as the server parses it ({@code cdt_process_state_init_from_vec},
 * {@code cdt_process_state_get_params}, {@code cdt_process_state_context_eval},
 * {@code cdt_context_dig}): codes, argument counts and types, contexts, and the bounds Aerolog adds.
 */
class PayloadTest {
    private static final Value BIN = list(1, 2, 3);

    @Test
    void selectByPathIsRefusedAsUnsupported() {
        // AS_CDT_OP_SELECT (0xfe) selects and modifies through expression paths; it is not served
        refusesRead(BIN, list(0xfe, list(0x10, 0), 0), ResultCode.UNSUPPORTED_FEATURE);
        refusesModify(BIN, list(0xfe, list(0x10, 0), 0), ResultCode.UNSUPPORTED_FEATURE);
        refusesModify(null, list(0xfe), ResultCode.UNSUPPORTED_FEATURE);
    }

    @Test
    void codesThatNameNoOperationAreParameterErrors() {
        refusesRead(BIN, list(14), ResultCode.PARAMETER_ERROR);
        refusesModify(BIN, list(28, 0, 0), ResultCode.PARAMETER_ERROR);
        refusesRead(map("a", 1), list(71), ResultCode.PARAMETER_ERROR);
        refusesRead(map("a", 1), list(200), ResultCode.PARAMETER_ERROR);
        refusesRead(map("a", 1), list(-1), ResultCode.PARAMETER_ERROR);
        // a read code sent as a modify, and a modify code sent as a read
        refusesModify(BIN, list(16), ResultCode.PARAMETER_ERROR);
        refusesRead(BIN, list(1, 5), ResultCode.PARAMETER_ERROR);
        refusesModify(map("a", 1), list(96), ResultCode.PARAMETER_ERROR);
        refusesRead(map("a", 1), list(67, "k", 1), ResultCode.PARAMETER_ERROR);
    }

    @Test
    void aPayloadIsAListStartingWithItsCode() {
        refusesModify(BIN, v(1), ResultCode.PARAMETER_ERROR);
        refusesModify(BIN, list(), ResultCode.PARAMETER_ERROR);
        refusesModify(BIN, list("append", 1), ResultCode.PARAMETER_ERROR);
        refusesRead(BIN, map(16, 1), ResultCode.PARAMETER_ERROR);
    }

    @Test
    void argumentsAreCheckedAgainstTheOperationTable() {
        // LIST_APPEND takes 1 to 3 arguments: the value, the order, the write flags
        refusesModify(BIN, list(1), ResultCode.PARAMETER_ERROR);
        refusesModify(BIN, list(1, 5, 0, 0, 9), ResultCode.PARAMETER_ERROR);
        // indexes, counts and flags are integers
        refusesModify(BIN, list(3, "x", 1), ResultCode.PARAMETER_ERROR);
        refusesModify(BIN, list(1, 5, 1.0), ResultCode.PARAMETER_ERROR);
        refusesRead(BIN, list(19, 7, 1.5), ResultCode.PARAMETER_ERROR);
        refusesRead(BIN, list(24, 7, 1, true), ResultCode.PARAMETER_ERROR);
        // LIST_TRIM's count is required
        refusesModify(BIN, list(10, 0), ResultCode.PARAMETER_ERROR);
        // a count is unsigned: -1 is "all"
        exact(CdtOperations.read(BIN, list(24, 7, 1, -1))).isEqualTo(list(2, 3));
        // an operation without arguments ignores any it is sent (cdt_process_state_get_params)
        exact(CdtOperations.read(BIN, list(16, "ignored", 2))).isEqualTo(v(3));
        // a value or key list argument must be a list
        refusesRead(BIN, list(23, 7, 2), ResultCode.PARAMETER_ERROR);
        refusesRead(map("a", 1), list(107, 7, "a"), ResultCode.PARAMETER_ERROR);
    }

    @Test
    void aReadOfAnAbsentBinReturnsNothing() {
        assertThat(CdtOperations.read(null, list(16))).isNull();
        assertThat(CdtOperations.read(null, list(0xfe))).isNull();
    }

    @Test
    void aContextPayloadHasExactlyAContextAndAnOperation() {
        Value nested = list(list(1), list(2, 3));
        exact(CdtOperations.read(nested, list(0xff, list(0x10, 1), list(16)))).isEqualTo(v(2));
        refusesRead(nested, list(0xff, list(0x10, 1)), ResultCode.PARAMETER_ERROR);
        refusesRead(nested, list(0xff, list(0x10, 1), list(16), 0), ResultCode.PARAMETER_ERROR);
        refusesRead(nested, list(0xff, list(0x10), list(16)), ResultCode.PARAMETER_ERROR);
        refusesRead(nested, list(0xff, list(), list(16)), ResultCode.PARAMETER_ERROR);
        refusesRead(nested, list(0xff, v(0x10), list(16)), ResultCode.PARAMETER_ERROR);
        refusesRead(nested, list(0xff, list("index", 1), list(16)), ResultCode.PARAMETER_ERROR);
        refusesRead(nested, list(0xff, list(0x10, 1), v(16)), ResultCode.PARAMETER_ERROR);
        // a context inside a context names no operation
        refusesRead(nested, list(0xff, list(0x10, 1), list(0xff, list(0x10, 0), list(16))), ResultCode.BIN_TYPE_ERROR);
    }

    @Test
    void contextTypesTheServerDoesNotServeAreNotApplicable() {
        Value nested = list(list(1), map("a", list(5, 6)));
        // cdt_context_dig: types past VALUE (an expression context is 0x04) are OP_NOT_APPLICABLE
        refusesRead(nested, list(0xff, list(0x04, 0), list(16)), ResultCode.OP_NOT_APPLICABLE);
        refusesRead(nested, list(0xff, list(0x18, 0), list(16)), ResultCode.OP_NOT_APPLICABLE);
        // create flags on a context type that is neither list nor map
        refusesRead(nested, list(0xff, list(0x40, 0), list(16)), ResultCode.OP_NOT_APPLICABLE);
        // a list has no key context
        refusesRead(nested, list(0xff, list(0x02, 0), list(16)), ResultCode.OP_NOT_APPLICABLE);
        // the types without list or map bit follow the container they find
        exact(CdtOperations.read(nested, list(0xff, list(0x00, 0), list(16)))).isEqualTo(v(1));
        exact(CdtOperations.read(nested, list(0xff, list(0x00, 1, 0x02, "a"), list(16)))).isEqualTo(v(2));
    }

    @Test
    void nestingIsBoundedAtSixtyFourLevels() {
        Value deep = list();
        for (int i = 0; i < Value.MAX_DEPTH - 1; i++) {
            deep = list(deep);
        }
        assertThat(deep.depth()).isEqualTo(Value.MAX_DEPTH);
        // appending it into a list would nest 65 levels
        refusesModify(list(), list(1, deep), ResultCode.PARAMETER_ERROR);
        assertThat(CdtOperations.modify(list(), list(1, ((Value.ListValue) deep).items().get(0))).bin().depth())
                .isEqualTo(Value.MAX_DEPTH);
        // a context longer than a bin may nest is refused before anything is built
        List<Value> context = new ArrayList<>();
        for (int i = 0; i < Value.MAX_DEPTH + 1; i++) {
            context.add(v(0x22 | 0x40));
            context.add(v("k"));
        }
        refusesModify(null, list(0xff, new Value.ListValue(context), list(1, 1)), ResultCode.PARAMETER_ERROR);
    }
}
