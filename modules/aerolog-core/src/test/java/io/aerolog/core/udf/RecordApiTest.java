package io.aerolog.core.udf;

import static io.aerolog.core.udf.Udfs.KEY;
import static io.aerolog.core.udf.Udfs.NOW;
import static io.aerolog.core.udf.Udfs.answer;
import static io.aerolog.core.udf.Udfs.bin;
import static io.aerolog.core.udf.Udfs.eval;
import static io.aerolog.core.udf.Udfs.record;
import static io.aerolog.core.udf.Udfs.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Lua record API against Aerospike's documented semantics (its "Record UDF" and "Lua API" pages and
 * the server's {@code udf_record.c}, {@code udf_aerospike.c}): create, update, remove, exists, the record's
 * metadata, TTLs, bins of every type, errors and bounds.
 */
class RecordApiTest {

    @Test
    void createMakesANewRecordAtGenerationOne() {
        Outcome o = run(null, "function f(r) if aerospike:exists(r) then return 'there' end\n"
                + " r['name'] = 'Ada'; r['n'] = 7; aerospike:create(r); return 'made' end", "f");
        assertThat(o.resultCode()).as(o.message()).isEqualTo(ResultCode.OK);
        assertThat(o.effect()).isEqualTo(Effect.WRITE);
        assertThat(answer(o)).isEqualTo(Value.of("made"));
        assertThat(o.record().bins()).containsEntry("name", Value.of("Ada")).containsEntry("n", Value.of(7L));
        assertThat(o.record().generation()).isEqualTo(1);
        assertThat(o.record().lastUpdateMillis()).isEqualTo(NOW);
    }

    @Test
    void existsSeesTheStoredRecord() {
        assertThat(answer(run(record("a", 1), "function f(r) return aerospike:exists(r) end", "f")))
                .isEqualTo(Value.of(true));
        assertThat(answer(run(null, "function f(r) return aerospike:exists(r) end", "f"))).isEqualTo(Value.of(false));
    }

    @Test
    void removeDeletesTheRecord() {
        Outcome o = run(record("a", 1), "function f(r) aerospike:remove(r) return 0 end", "f");
        assertThat(o.resultCode()).as(o.message()).isEqualTo(ResultCode.OK);
        assertThat(o.effect()).isEqualTo(Effect.DELETE);
    }

    @Test
    void settingABinToNilRemovesTheBin() {
        Outcome o = run(record("a", 1, "b", 2), "function f(r) r['a'] = nil; aerospike:update(r) end", "f");
        assertThat(o.effect()).isEqualTo(Effect.WRITE);
        assertThat(o.record().bins()).containsOnlyKeys("b");
        assertThat(answer(o)).isEqualTo(Value.NIL);
    }

    @Test
    void writesWithoutUpdateAreNotStored() {
        Outcome o = run(record("a", 1), "function f(r) r['a'] = 5 return r['a'] end", "f");
        assertThat(o.effect()).isEqualTo(Effect.NONE);
        assertThat(answer(o)).isEqualTo(Value.of(5L));
    }

    @Test
    void metadataOfTheRecord() {
        Record stored = new Record("users", null, Map.of("a", Value.of(1L)), 3, NOW + 50_000, NOW - 1000);
        Outcome o = RecordEngine.apply(stored, Udfs.command("function f(r) return record.gen(r) .. ',' .. record.ttl(r)"
                + " .. ',' .. record.setname(r) .. ',' .. record.last_update_time(r) .. ',' .. record.numbins(r)"
                + " .. ',' .. tostring(record.key(r)) end", "f", WritePolicy.DEFAULT), Udfs.NS);
        // last_update_time counts milliseconds from Aerospike's epoch (2010-01-01), as the server's
        long citrusleafEpochMillis = 1_262_304_000_000L;
        assertThat(answer(o)).as(o.message()).isEqualTo(Value.of("3,50,users," + (NOW - 1000 - citrusleafEpochMillis)
                + ",1,nil"));
    }

    @Test
    void digestIsTheKeysDigestAsBytes() {
        assertThat(answer(run(record("a", 1), "function f(r) return record.digest(r) end", "f")))
                .isEqualTo(Value.of(KEY.digest().bytes()));
    }

    @Test
    void keyIsTheUserKeyWhenTheClientSendsIt() {
        Outcome o = RecordEngine.apply(record("a", 1), Udfs.command("function f(r) return record.key(r) end", "f",
                WritePolicy.DEFAULT.withSendKey(true)), Udfs.NS);
        assertThat(answer(o)).as(o.message()).isEqualTo(Value.of("ada"));
        assertThat(answer(run(null, "function f(r) return record.key(r) end", "f")))
                .as("a record not stored yet has no key, as on the server").isEqualTo(Value.NIL);
    }

    @Test
    void setTtlSetsTheVoidTimeOfTheWrite() {
        Outcome o = run(record("a", 1), "function f(r) record.set_ttl(r, 100); r['a'] = 2; aerospike:update(r) end", "f");
        assertThat(o.resultCode()).as(o.message()).isEqualTo(ResultCode.OK);
        assertThat(o.record().voidTimeMillis()).isEqualTo(NOW + 100_000);
    }

    @Test
    void listsMapsAndBytesRoundTrip() {
        Outcome o = run(null, "function f(r) local l = list{1, 'two'}; list.append(l, 3.5)\n"
                + " local m = map{a = 1}; m['b'] = l\n"
                + " local b = bytes(2); bytes.set_byte(b, 1, 7); bytes.set_byte(b, 2, 9)\n"
                + " r['l'] = l; r['m'] = m; r['b'] = b; aerospike:create(r)\n"
                + " return list.size(l) + map.size(m) + bytes.size(b) end", "f");
        assertThat(o.resultCode()).as(o.message()).isEqualTo(ResultCode.OK);
        assertThat(answer(o)).isEqualTo(Value.of(7L));
        assertThat(o.record().bins().get("l")).isEqualTo(Value.ofList(List.of(Value.of(1L), Value.of("two"), Value.of(3.5))));
        assertThat(o.record().bins().get("b")).isEqualTo(Value.of(new byte[] {7, 9}));
        assertThat(((Value.MapValue) o.record().bins().get("m")).entries()).containsEntry(Value.of("a"), Value.of(1L));
    }

    @Test
    void argumentsArriveAsLuaValues() {
        Outcome o = run(null, "function f(r, s, n, l) return s .. n .. list.size(l) end", "f", Value.of("x"), Value.of(4L),
                Value.ofList(List.of(Value.of(1L), Value.of(2L))));
        assertThat(answer(o)).isEqualTo(Value.of("x42"));
    }

    @Test
    void anErrorAnswersUdfBadResponseWithItsMessageInFailure() {
        Outcome o = run(record("a", 1), "function f(r)\n r['a'] = 2; aerospike:update(r)\n error('boom') end", "f");
        assertThat(o.resultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
        assertThat(o.effect()).isEqualTo(Effect.NONE);
        assertThat(bin(o)).isEqualTo("FAILURE");
        assertThat(answer(o)).isEqualTo(Value.of("/opt/aerospike/usr/udf/lua/test.lua:3: boom"));
    }

    @Test
    void aMissingFunctionAnswersFunctionNotFound() {
        Outcome o = run(null, "function f(r) return 1 end", "nope");
        assertThat(o.resultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
        assertThat(answer(o)).isEqualTo(Value.of("function not found"));
    }

    @Test
    void anEndlessLoopEndsAtTheInstructionBound() {
        Outcome o = run(record("a", 1), "function f(r) while true do end end", "f");
        assertThat(o.resultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
        assertThat(answer(o).toString()).contains("UDF Execution Timeout");
    }

    @Test
    void allocationsPastTheMemoryBoundFail() {
        Outcome o = run(null, "function f(r) local s = 'x' for i = 1, 40 do s = s .. s end return #s end", "f");
        assertThat(o.resultCode()).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
        assertThat(answer(o).toString()).contains("not enough memory");
    }

    @Test
    void clockAndRandomNumbersComeFromTheCommand() {
        assertThat(eval("os.time()")).isEqualTo(Value.of(NOW / 1000));
        assertThat(eval("aerospike:get_current_time()")).isEqualTo(Value.of(NOW));
        Value first = eval("math.random(1, 1000000)");
        assertThat(eval("math.random(1, 1000000)")).isEqualTo(first);
    }

    @Test
    void whatReachesOutsideTheCallIsRefused() {
        for (String expression : List.of("io.open('/etc/passwd')", "os.getenv('HOME')", "require('other')",
                "luajava.bindClass('java.lang.System')", "os.execute('ls')")) {
            Outcome o = run(null, "function f(r) return " + expression + " end", "f");
            assertThat(o.resultCode()).as(expression).isEqualTo(ResultCode.UDF_BAD_RESPONSE);
        }
    }

    @Test
    void aModuleThatDoesNotCompileIsRefusedAtRegistration() {
        assertThat(ModuleCheck.check(Udfs.module("function f(r) return end end"), NOW)).isPresent();
        assertThat(ModuleCheck.check(Udfs.module("function f(r) return 1 end"), NOW)).isEmpty();
    }

    @Test
    void theModuleHashIsAerospikesUdfListHash() {
        // SHA-1 of {"content64": "<base64>", "type": "LUA", "name": "test.lua"}, as the server's udf-list shows it
        UdfModule m = Udfs.module("function f(r) return 1 end");
        assertThat(m.hash()).hasSize(40).isEqualTo(UdfModule.hash("test.lua", m.content()));
        assertThat(UdfModule.of("test.lua", "x".getBytes()).hash()).isNotEqualTo(m.hash());
    }
}
