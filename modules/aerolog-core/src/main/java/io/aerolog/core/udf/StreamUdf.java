package io.aerolog.core.udf;

import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * Stream UDFs (Aerospike's aggregations) over a stream of records or values: the module's function builds
 * its stages ({@code stream : filter(f) : map(g) : aggregate(init, h) : reduce(r)}, and {@code groupby}), and
 * the stages run over the input as Aerospike's {@code apply_stream} runs them. A query's records go through
 * the server's share of the stages ({@link Scope#SERVER}: up to and including the first reduce); the values
 * every node emitted go through the client's share ({@link Scope#CLIENT}: from that reduce on), which
 * Aerospike's clients run themselves (its Java client with this same engine, LuaJ). Records are read-only in
 * a stream: bins can be read, not written.
 *
 * <p>Fed here from any iterator; a query or scan feeds it its partitions' records later. The bounds are the
 * caller's ({@link Limits}), since a stream's work grows with its input.
 */
public final class StreamUdf {
    /** Which share of the stages runs: the server's (over records) or the client's (over the server's values). */
    public enum Scope {
        SERVER(1), CLIENT(2);

        private final int lua;

        Scope(int lua) {
            this.lua = lua;
        }
    }

    /** Instructions and bytes one run of a stream may use. */
    public record Limits(long instructions, long bytes) {
        /** Ten record calls' worth of instructions, four of bytes. */
        public static final Limits DEFAULT = new Limits(UdfLimits.MAX_INSTRUCTIONS * 10,
                UdfLimits.MAX_ALLOCATED_BYTES * 4);
    }

    /** A record of the stream, with its key (for {@code record.digest}, {@code record.setname}). */
    public record Input(Key key, Record record) {
        public Input {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(record, "record");
        }
    }

    /** What a run gave: the values the stages emitted, or why it failed (as a record UDF's FAILURE). */
    public record Result(List<Value> values, String failure) {
        public boolean isOk() {
            return failure == null;
        }
    }

    private StreamUdf() {
    }

    /** Runs the server's share of stream function {@code function} over {@code records}. */
    public static Result overRecords(UdfModule module, String function, List<Value> args, Iterator<Input> records,
                                     NamespaceConfig ns, long nowMillis, Limits limits) {
        boolean memory = ns.storage() == NamespaceConfig.Storage.MEMORY;
        return run(module, function, args, records, in -> {
            Input input = (Input) in;
            return new UdfRecord(new RecordUdf.Context(input.record(), input.record().userKey(), input.key().set(),
                    input.key().digest().bytes(), nowMillis, memory, true));
        }, Scope.SERVER, nowMillis, limits);
    }

    /** Runs the {@code scope} share of stream function {@code function} over {@code values}. */
    public static Result overValues(UdfModule module, String function, List<Value> args, Iterator<Value> values,
                                    Scope scope, long nowMillis, Limits limits) {
        return run(module, function, args, values, in -> Values.toLua((Value) in, "a stream value"), scope, nowMillis,
                limits);
    }

    private static Result run(UdfModule module, String function, List<Value> args, Iterator<?> input,
                              java.util.function.Function<Object, LuaValue> toLua, Scope scope, long nowMillis,
                              Limits limits) {
        Session session = new Session(new Budget(limits.instructions(), limits.bytes()), nowMillis, nowMillis).enter();
        List<Value> out = new ArrayList<>();
        try {
            Globals g = Sandbox.streamGlobals(session);
            if (!RecordUdf.loaded(UdfCall.of(module, function, new byte[0]), g)) {
                return new Result(List.of(), "UDF: Execution Error 1");
            }
            LuaValue f = g.get(function);
            StreamLib.Stream in = new StreamLib.Stream(input, toLua, null);
            StreamLib.Stream sink = new StreamLib.Stream(null, null, out::add);
            List<LuaValue> argv = new ArrayList<>();
            argv.add(f);
            argv.add(LuaValue.valueOf(scope.lua));
            argv.add(in);
            argv.add(sink);
            argv.addAll(RecordUdf.toLua(args));
            g.get("aerolog_apply_stream").invoke(LuaValue.varargsOf(argv.toArray(LuaValue[]::new)));
            return new Result(List.copyOf(out), null);
        } catch (LuaError e) {
            return new Result(List.of(), RecordUdf.message(e));
        } catch (UdfAbort e) {
            return new Result(List.of(), e.getMessage());
        } catch (StackOverflowError e) {
            return new Result(List.of(), "stack overflow");
        } finally {
            session.leave();
        }
    }
}
