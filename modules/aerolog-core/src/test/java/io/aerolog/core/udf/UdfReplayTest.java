package io.aerolog.core.udf;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A log of UDF calls (and plain writes between them) applied, then replayed from its bytes through the
 * engine, gives the same records and answers: a call reads nothing but its command and its record, its
 * clock is the command's time and its random numbers are seeded from the command.
 */
class UdfReplayTest {
    private static final String SOURCE = """
            function bump(r, by)
              r['n'] = (r['n'] or 0) + by
              r['rnd'] = math.random(1, 1000000000)
              r['at'] = os.time()
              r['clock'] = os.clock()
              if aerospike:exists(r) then aerospike:update(r) else aerospike:create(r) end
              return r['n']
            end
            function drop(r) aerospike:remove(r) end
            """;
    private static final UdfModule MODULE = UdfModule.of("replay.lua", SOURCE.getBytes(StandardCharsets.UTF_8));

    /** The log as bytes: what the command topic holds. */
    private static List<byte[]> log() {
        List<byte[]> log = new ArrayList<>();
        long t = 1_700_000_000_000L;
        for (int i = 0; i < 60; i++) {
            Key key = Key.of("test", "s", (long) (i % 7));
            Command c;
            if (i % 11 == 10) {
                c = new Command(null, null, key, List.of(UdfCall.of(MODULE, "drop", MsgPack.pack(Value.ofList(List.of())))
                        .operation()), WritePolicy.DEFAULT, t + i * 37L);
            } else if (i % 5 == 4) {
                c = new Command(null, null, key, List.of(Operation.write("plain", Value.of((long) i))), WritePolicy.DEFAULT,
                        t + i * 37L);
            } else {
                byte[] args = MsgPack.pack(Value.ofList(List.of(Value.of((long) i))));
                c = new Command(null, null, key, List.of(UdfCall.of(MODULE, "bump", args).operation()),
                        WritePolicy.DEFAULT.withExpiration(i % 3 == 0 ? 100 : 0), t + i * 37L);
            }
            log.add(AvroCodec.encodeCommand(c));
        }
        return log;
    }

    private static Map<Key, Record> replay(List<byte[]> log, List<String> answers) {
        Map<Key, Record> store = new HashMap<>();
        for (byte[] bytes : log) {
            Command c = AvroCodec.decodeCommand(bytes);
            Outcome o = RecordEngine.apply(store.get(c.key()), c, Udfs.NS);
            answers.add(o.resultCode() + " " + o.results());
            if (o.effect() == Effect.WRITE) {
                store.put(c.key(), AvroCodec.decodeRecord(AvroCodec.encodeRecord(o.record())));
            } else if (o.effect() == Effect.DELETE) {
                store.remove(c.key());
            }
        }
        return store;
    }

    @Test
    void replayingTheLogGivesTheSameRecordsAndAnswers() {
        List<byte[]> log = log();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Map<Key, Record> applied = replay(log, first);
        Map<Key, Record> replayed = replay(log, second);
        assertThat(replayed).isEqualTo(applied);
        assertThat(second).isEqualTo(first);
        assertThat(first).allMatch(a -> a.startsWith(ResultCode.OK.name()));
        assertThat(applied).isNotEmpty();
        Record r = applied.values().iterator().next();
        assertThat(r.bins()).containsKeys("n", "rnd", "at", "clock");
        assertThat(r.bins().get("at")).isEqualTo(Value.of(r.lastUpdateMillis() / 1000));
    }

    @Test
    void theCallCarriesItsModuleSoRemovingOrChangingTheModuleChangesNoReplay() {
        Command c = AvroCodec.decodeCommand(log().get(0));
        UdfCall call = UdfCall.fromValue(c.operations().get(0).value());
        assertThat(call.hash()).isEqualTo(MODULE.hash());
        assertThat(new String(call.source(), StandardCharsets.UTF_8)).isEqualTo(SOURCE);
    }

    @Test
    void aCallWhoseSourceIsNotItsVersionIsRefused() {
        UdfCall forged = new UdfCall("replay.lua", MODULE.hash(), "bump", MsgPack.pack(Value.ofList(List.of(Value.of(1L)))),
                "function bump(r) return 0 end".getBytes(StandardCharsets.UTF_8));
        Outcome o = RecordEngine.apply(null, new Command(null, null, Udfs.KEY, List.of(forged.operation()),
                WritePolicy.DEFAULT, 1L), Udfs.NS);
        assertThat(o.resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR);
    }
}
