package io.aerolog.bench;

import io.aerolog.core.Command;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.MsgPack;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.engine.RecordEngine;
import io.aerolog.core.udf.UdfCall;
import io.aerolog.core.udf.UdfModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The engine's own cost of a record UDF next to the operate it stands for: both commands applied to the
 * same record in this process, as a partition's processor applies them (no Kafka, no store), timed after a
 * warm-up of as many calls.
 */
final class EngineCost {
    private EngineCost() {
    }

    /** Microseconds per call: {@code [operate's command, the UDF's command]}, over {@code calls} calls each. */
    static double[] measure(String source, int calls) {
        NamespaceConfig ns = NamespaceConfig.defaults("test");
        Key key = Key.of("test", "udfbench", "engine");
        Record record = new Record("udfbench", null, Map.of("n", Value.of(1L)), 1, 0, 1L);
        Command operate = new Command(null, null, key, List.of(Operation.add("n", Value.of(1L)), Operation.read("n")),
                WritePolicy.DEFAULT, 1_700_000_000_000L);
        UdfModule module = UdfModule.of(UdfBench.MODULE, source.getBytes(StandardCharsets.UTF_8));
        byte[] args = MsgPack.pack(Value.ofList(List.of(Value.of("n"), Value.of(1L))));
        Command udf = new Command(null, null, key, List.of(UdfCall.of(module, "incr", args).operation()),
                WritePolicy.DEFAULT, 1_700_000_000_000L);
        time(operate, record, ns, calls);
        time(udf, record, ns, calls);
        return new double[] {time(operate, record, ns, calls), time(udf, record, ns, calls)};
    }

    private static double time(Command command, Record record, NamespaceConfig ns, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            Outcome o = RecordEngine.apply(record, command, ns);
            if (!o.isOk()) {
                throw new IllegalStateException(command + " failed: " + o.resultCode() + " " + o.message());
            }
        }
        return (System.nanoTime() - t0) / 1000.0 / calls;
    }
}
