package io.aerolog.core.engine;

import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.ListWriteFlags;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.cdt.MapWriteFlags;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.exp.ExpWriteFlags;
import com.aerospike.client.exp.ListExp;
import com.aerospike.client.operation.BitOperation;
import com.aerospike.client.operation.BitOverflowAction;
import com.aerospike.client.operation.BitPolicy;
import com.aerospike.client.operation.BitResizeFlags;
import com.aerospike.client.operation.HLLOperation;
import com.aerospike.client.operation.HLLPolicy;
import io.aerolog.core.Command;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.codec.AvroCodec;
import io.aerolog.core.codec.MsgPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden command log of the record engine and its generator: a fixed sequence of commands at fixed times in the
 * past (March 2024), covering every operation family (bins, lists, maps, contexts, bits, HyperLogLogs, expressions),
 * filters, every write policy, TTLs and expiry between commands, generations and refusals. Lists, maps, bits, HLLs
 * and expressions are packed by Aerospike's own Java client, as its wire listener receives them.
 *
 * <p>Every TTL is at most a day, so each record is alive at its commands' times and long expired at today's wall
 * clock: an engine that read the wall clock instead of the command's time would answer differently.
 *
 * <p>Run {@link #main} to write the golden files again (only when a change of the engine's answers is intended and
 * understood; review the diff of {@code answers.txt}), from the repository's root:
 * <pre>
 * mvn -o -q -B -pl modules/aerolog-core test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test.classpath
 * java -cp modules/aerolog-core/target/test-classes:modules/aerolog-core/target/classes:$(cat \
 *     modules/aerolog-core/target/test.classpath) io.aerolog.core.engine.GoldenLog
 * </pre>
 */
final class GoldenLog {
    /** Where the golden files live, under the module's test resources. */
    static final String RESOURCE_DIR = "golden/replay";
    /** 2024-03-01T00:00:00Z: the first command's time. */
    static final long T0 = 1_709_251_200_000L;
    /** The namespace of the log: a default TTL of a day, and records of at most 16 KiB. */
    static final NamespaceConfig NS = NamespaceConfig.defaults("test").withDefaultTtlSeconds(86_400)
            .withMaxRecordSize(16 * 1024);

    private static final Key ADA = Key.of("test", "users", "ada");
    private static final Key ADA_BY_DIGEST = Key.ofDigest("test", "", ADA.digest());
    private static final Key BOB = Key.of("test", "users", 42L);
    private static final Key BLOB = Key.of("test", "", new byte[] {1, 2, 3});
    private static final Key TTL = Key.of("test", "ttl", "t");
    private static final Key CDT = Key.of("test", "cdt", "c");
    private static final Key BITS = Key.of("test", "bits", "b");
    private static final Key HLL = Key.of("test", "hll", "h");
    private static final Key EXP = Key.of("test", "exp", "e");

    private GoldenLog() {
    }

    /** The log's commands, in order. */
    static List<Command> commands() {
        Log log = new Log();
        WritePolicy update = WritePolicy.DEFAULT;

        // ---- bins, generations, exists actions, TTL kinds
        log.add(ADA, update.withSendKey(true).withExpiration(3600), Operation.write("name", Value.of("Ada")),
                Operation.write("visits", Value.of(1L)), Operation.write("tags", Value.ofList(List.of(Value.of("math")))),
                Operation.write("score", Value.of(2.5)));
        log.add(ADA, update, Operation.add("visits", Value.of(1L)), Operation.read("visits"));
        log.add(ADA, update, Operation.append("name", Value.of(" L.")), Operation.prepend("name", Value.of("Dr. ")),
                Operation.read("name"));
        log.add(ADA, update.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 1), Operation.write("x", Value.of(1L)));
        log.add(ADA, update.withGeneration(GenerationPolicy.EXPECT_GEN_EQUAL, 3).withExpiration(-2),
                Operation.write("x", Value.of(1L)));
        log.add(ADA, update.withGeneration(GenerationPolicy.EXPECT_GEN_GT, 4), Operation.write("x", Value.of(2L)));
        log.add(ADA, update.withGeneration(GenerationPolicy.EXPECT_GEN_GT, 9), Operation.write("x", Value.of(3L)));
        log.add(ADA, update, Operation.add("name", Value.of(1L)));
        log.add(ADA, update, Operation.append("visits", Value.of("x")));
        log.add(ADA, update, Operation.write("sixteen_bytes_xy", Value.of(1L)));
        log.add(ADA, update, Operation.add("visits", Value.NIL));
        log.add(ADA, update.withExpiration(-3), Operation.write("x", Value.of(4L)));
        log.add(ADA, update.withExpiration(RecordEngine.MAX_TTL_SECONDS + 1), Operation.write("x", Value.of(4L)));
        log.add(ADA, update, Operation.readAll());
        log.add(ADA, update, Operation.readHeader());
        log.add(ADA_BY_DIGEST, update, Operation.add("visits", Value.of(10L)), Operation.read("visits"));
        log.add(ADA, update, Operation.write("score", Value.NIL), Operation.deleteBin("tags"), Operation.readAll());
        log.add(ADA, update.withExpiration(60), Operation.touch());
        log.add(ADA, update);
        log.add(BOB, update.withRecordExistsAction(RecordExistsAction.UPDATE_ONLY), Operation.write("a", Value.of(1L)));
        log.add(BOB, update.withRecordExistsAction(RecordExistsAction.REPLACE_ONLY), Operation.write("a", Value.of(1L)));
        log.add(BOB, update.withRecordExistsAction(RecordExistsAction.CREATE_ONLY).withSendKey(true),
                Operation.write("a", Value.of(1L)), Operation.write("b", Value.of(2L)));
        log.add(BOB, update.withRecordExistsAction(RecordExistsAction.CREATE_ONLY), Operation.write("a", Value.of(9L)));
        log.add(BOB, update.withRecordExistsAction(RecordExistsAction.REPLACE_ONLY), Operation.write("c", Value.of(3L)));
        log.add(BOB, update.withRecordExistsAction(RecordExistsAction.REPLACE), Operation.write("d", Value.of(4L)));
        log.add(BOB, update, Operation.write("d", Value.NIL));
        log.add(BOB, update, Operation.touch());
        log.add(BOB, update.withDurableDelete(true), Operation.delete());
        log.add(BOB, update, Operation.delete(), Operation.write("e", Value.of(5L)));
        log.add(BOB, update, Operation.delete(), Operation.write("f", Value.of(6L)), Operation.readAll());
        log.add(BLOB, update, Operation.write("big", Value.of("x".repeat(20_000))));
        Map<Value, Value> nested = new LinkedHashMap<>();
        nested.put(Value.of("k"), Value.ofList(List.of(Value.of(1L), Value.of(true), Value.NIL)));
        nested.put(Value.of(7L), Value.of(new byte[] {9}));
        log.add(BLOB, update.withExpiration(1800), Operation.write("bytes", Value.of(new byte[] {0, 1, (byte) 0xfe})),
                Operation.write("d", Value.of(-0.125)), Operation.write("nan", Value.of(Double.NaN)),
                Operation.write("t", Value.of(true)),
                Operation.write("geo", Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[-122.5,37.5]}")),
                Operation.write("m", Value.ofMap(nested)), Operation.write("u", Value.of("héllo ✓")));
        log.add(BLOB, update, Operation.append("bytes", Value.of(new byte[] {7})),
                Operation.prepend("bytes", Value.of(new byte[] {6})), Operation.read("bytes"));
        log.add(BLOB, update, Operation.write("deep", nestedLists(Value.MAX_DEPTH + 1)));
        log.add(BLOB, update, Operation.write("w", Value.ofList(List.of(Value.of(1L), Value.WILDCARD))));
        log.add(BLOB, update, Operation.write("ok", nestedLists(Value.MAX_DEPTH)));
        log.add(BLOB, update.withDurableDelete(true), Operation.delete());
        log.add(BLOB, update.withRecordExistsAction(RecordExistsAction.CREATE_ONLY), Operation.write("again", Value.of(1L)));
        log.add(BLOB, update);

        // ---- expiry between commands: alive at one command's time, gone at a later one's
        log.add(TTL, update.withExpiration(10), Operation.write("v", Value.of(1L)));
        log.later(5_000);
        log.add(TTL, update.withRecordExistsAction(RecordExistsAction.UPDATE_ONLY).withExpiration(-2),
                Operation.add("v", Value.of(1L)), Operation.read("v"));
        log.later(20_000);
        log.add(TTL, update.withRecordExistsAction(RecordExistsAction.UPDATE_ONLY), Operation.add("v", Value.of(1L)));
        log.add(TTL, update.withRecordExistsAction(RecordExistsAction.CREATE_ONLY).withExpiration(30),
                Operation.write("v", Value.of(9L)));
        log.add(TTL, update.withExpiration(-1), Operation.touch());
        log.add(TTL, update.withExpiration(5), Operation.write("w", Value.of(1L)));
        log.later(6_000);
        log.add(TTL, update, Operation.readAll());
        log.add(TTL, update.withExpiration(-2), Operation.write("v", Value.of(10L)));

        // ---- lists and maps, with contexts, orders, flags, return types and refusals
        Map<com.aerospike.client.Value, com.aerospike.client.Value> items = new LinkedHashMap<>();
        items.put(cv("b"), cv(2));
        items.put(cv("a"), cv(1));
        items.put(cv("c"), cv(3));
        log.add(CDT, update, client(ListOperation.appendItems("l", List.of(cv(3), cv(1), cv(2)))),
                client(ListOperation.append("l", cv(5))), client(ListOperation.size("l")),
                client(MapOperation.putItems(new MapPolicy(MapOrder.KEY_ORDERED, 0), "m", items)));
        log.add(CDT, update, client(ListOperation.sort("l", 0)),
                client(ListOperation.getByRank("l", -1, ListReturnType.VALUE)),
                client(ListOperation.removeByValue("l", cv(2), ListReturnType.COUNT)),
                client(ListOperation.insert("l", 1, cv("x"))), client(ListOperation.get("l", 0)));
        log.add(CDT, update, client(ListOperation.create("ol", ListOrder.ORDERED, false)),
                client(ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED,
                        ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL | ListWriteFlags.PARTIAL), "ol",
                        List.of(cv(5), cv(3), cv(5), cv(1)))),
                client(ListOperation.getByValueRange("ol", cv(2), cv(6), ListReturnType.VALUE)));
        log.add(CDT, update, client(MapOperation.increment(MapPolicy.Default, "m", cv("a"), cv(10))),
                client(MapOperation.getByKey("m", cv("a"), MapReturnType.KEY_VALUE)),
                client(MapOperation.getByIndexRange("m", 0, 2, MapReturnType.KEY)),
                client(MapOperation.removeByKeyRange("m", cv("b"), cv("c"), MapReturnType.VALUE)),
                client(MapOperation.size("m")));
        log.add(CDT, update, client(MapOperation.put(MapPolicy.Default, "n", cv("k"), cv(1),
                        CTX.mapKeyCreate(cv("outer"), MapOrder.KEY_ORDERED))),
                client(ListOperation.append("n", cv("i"), CTX.mapKeyCreate(cv("list"), MapOrder.UNORDERED))),
                client(MapOperation.getByKey("n", cv("k"), MapReturnType.VALUE, CTX.mapKey(cv("outer")))));
        log.add(CDT, update, client(ListOperation.getByIndexRange("l", 0, 2, ListReturnType.VALUE)),
                client(MapOperation.getByRank("m", 0, MapReturnType.KEY_VALUE)));
        log.add(CDT, update, client(ListOperation.append("l", cv(6))), client(ListOperation.get("l", 99)));
        log.add(CDT, update, client(MapOperation.put(new MapPolicy(MapOrder.UNORDERED, MapWriteFlags.CREATE_ONLY), "m",
                cv("a"), cv(0))));
        log.add(CDT, update, client(ListOperation.append("m", cv(1))));
        log.add(CDT, update, client(ListOperation.increment("l", 0, cv(1))));

        // ---- bits
        log.add(BITS, update, client(BitOperation.resize(BitPolicy.Default, "b", 4, BitResizeFlags.DEFAULT)),
                client(BitOperation.set(BitPolicy.Default, "b", 0, 8, new byte[] {(byte) 0xff})),
                client(BitOperation.or(BitPolicy.Default, "b", 8, 8, new byte[] {0x0f})),
                client(BitOperation.xor(BitPolicy.Default, "b", 4, 8, new byte[] {0x3c})),
                client(BitOperation.lshift(BitPolicy.Default, "b", 0, 16, 3)),
                client(BitOperation.setInt(BitPolicy.Default, "b", 16, 8, 42)),
                client(BitOperation.getInt("b", 16, 8, false)), client(BitOperation.count("b", 0, 32)),
                client(BitOperation.lscan("b", 0, 32, true)), client(BitOperation.get("b", 0, 16)));
        log.add(BITS, update, client(BitOperation.insert(BitPolicy.Default, "b", 1, new byte[] {0x55, 0x66})),
                client(BitOperation.remove(BitPolicy.Default, "b", 0, 1)),
                client(BitOperation.add(BitPolicy.Default, "b", 0, 8, 100, false, BitOverflowAction.WRAP)),
                client(BitOperation.subtract(BitPolicy.Default, "b", 8, 8, 200, true, BitOverflowAction.SATURATE)),
                client(BitOperation.get("b", 0, 40)));
        log.add(BITS, update, client(BitOperation.set(BitPolicy.Default, "b", 0, 8, new byte[] {(byte) 0xff})),
                client(BitOperation.add(BitPolicy.Default, "b", 0, 8, 1, false, BitOverflowAction.FAIL)));
        log.add(BITS, update, client(BitOperation.get("b", 0, 4096)));
        log.add(BITS, update, Operation.write("s", Value.of("text")));
        log.add(BITS, update, client(BitOperation.not(BitPolicy.Default, "s", 0, 8)));

        // ---- HyperLogLogs
        Value.HllValue other = hllOf(List.of("d", "e", "f", "g"));
        com.aerospike.client.Value.HLLValue otherSketch = new com.aerospike.client.Value.HLLValue(other.value());
        log.add(HLL, update, client(HLLOperation.init(HLLPolicy.Default, "h", 8)),
                client(HLLOperation.add(HLLPolicy.Default, "h", List.of(cv("a"), cv("b"), cv("c"), cv("d")))),
                client(HLLOperation.getCount("h")), client(HLLOperation.describe("h")));
        log.add(HLL, update, client(HLLOperation.add(HLLPolicy.Default, "h2", List.of(cv(1), cv(2), cv(3)), 6, 4)),
                client(HLLOperation.getUnionCount("h", List.of(otherSketch))),
                client(HLLOperation.getIntersectCount("h", List.of(otherSketch))),
                client(HLLOperation.getSimilarity("h", List.of(otherSketch))));
        log.add(HLL, update, client(HLLOperation.setUnion(HLLPolicy.Default, "h", List.of(otherSketch))),
                client(HLLOperation.getCount("h")), client(HLLOperation.fold("h", 6)),
                client(HLLOperation.refreshCount("h")), client(HLLOperation.getUnion("h", List.of(otherSketch))));
        log.add(HLL, update, client(HLLOperation.init(HLLPolicy.Default, "bad", 3)));
        log.add(HLL, update, Operation.write("s", Value.of("text")));
        log.add(HLL, update, client(HLLOperation.add(HLLPolicy.Default, "s", List.of(cv("a")))));

        // ---- expressions: operations (the clock among them) and filters
        log.add(EXP, update.withExpiration(600).withSendKey(true), Operation.write("a", Value.of(5L)),
                Operation.write("s", Value.of("abc")),
                Operation.write("l", Value.ofList(List.of(Value.of(1L), Value.of(2L), Value.of(3L)))));
        log.later(2_500);
        log.add(EXP, update.withExpiration(-2),
                client(ExpOperation.write("w", Exp.build(Exp.add(Exp.intBin("a"), Exp.val(10))), ExpWriteFlags.DEFAULT)),
                client(ExpOperation.read("ttl", Exp.build(Exp.ttl()), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("since", Exp.build(Exp.sinceUpdate()), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("void", Exp.build(Exp.voidTime()), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("last", Exp.build(Exp.lastUpdate()), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("keyed", Exp.build(Exp.keyExists()), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("key", Exp.build(Exp.key(Exp.Type.STRING)), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("mod", Exp.build(Exp.digestModulo(3)), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("set", Exp.build(Exp.setName()), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("size", Exp.build(ListExp.size(Exp.listBin("l"))), ExpReadFlags.DEFAULT)),
                client(ExpOperation.read("w", Exp.build(Exp.intBin("w")), ExpReadFlags.DEFAULT)));
        log.add(EXP, update, client(ExpOperation.read("x", Exp.build(Exp.intBin("s")), ExpReadFlags.DEFAULT)));
        log.add(EXP, update, client(ExpOperation.read("x", Exp.build(Exp.intBin("s")), ExpReadFlags.EVAL_NO_FAIL)));
        log.add(EXP, update, client(ExpOperation.write("w", Exp.build(Exp.val(1)), ExpWriteFlags.CREATE_ONLY)));
        log.add(EXP, update, client(ExpOperation.write("w", Exp.build(Exp.val(1)),
                ExpWriteFlags.CREATE_ONLY | ExpWriteFlags.POLICY_NO_FAIL)), Operation.read("w"));
        log.add(EXP, update, client(ExpOperation.write("w", Exp.build(Exp.nil()), ExpWriteFlags.ALLOW_DELETE)),
                Operation.readAll());
        log.filtered(EXP, update, filter(Exp.eq(Exp.intBin("a"), Exp.val(5))), Operation.add("a", Value.of(1L)),
                Operation.read("a"));
        log.filtered(EXP, update, filter(Exp.eq(Exp.intBin("a"), Exp.val(5))), Operation.add("a", Value.of(1L)));
        log.filtered(EXP, update, filter(Exp.gt(Exp.ttl(), Exp.val(100))), Operation.write("t", Value.of(1L)));
        log.filtered(EXP, update, filter(Exp.lt(Exp.sinceUpdate(), Exp.val(5_000))), Operation.write("t", Value.of(2L)));
        log.filtered(EXP, update, filter(Exp.gt(Exp.lastUpdate(), Exp.val((T0 + 3_600_000L) * 1_000_000L))),
                Operation.write("t", Value.of(3L)));
        log.filtered(EXP, update, filter(Exp.eq(Exp.intBin("a"), Exp.val(0))), Operation.readAll());
        log.filtered(EXP, update, Value.of(new byte[] {(byte) 0x93, 1, 2}), Operation.write("t", Value.of(4L)));
        log.filtered(Key.of("test", "exp", "fresh"), update, filter(Exp.eq(Exp.intBin("a"), Exp.val(0))),
                Operation.write("a", Value.of(1L)));
        log.filtered(EXP, update, filter(Exp.and(Exp.keyExists(), Exp.eq(Exp.setName(), Exp.val("exp")))),
                Operation.write("keyed", Value.of(true)));
        return log.commands;
    }

    /** The log as its topic holds it: each command's Avro single-object bytes. */
    static List<byte[]> encoded() {
        List<byte[]> out = new ArrayList<>();
        for (Command c : commands()) {
            out.add(AvroCodec.encodeCommand(c));
        }
        return out;
    }

    /** Writes the golden files: the log, and the answers and store the engine gives it now. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "modules/aerolog-core/src/test/resources/" + RESOURCE_DIR);
        if (!Files.isDirectory(dir.getParent())) {
            dir = Path.of("src/test/resources/" + RESOURCE_DIR);
        }
        Files.createDirectories(dir);
        List<byte[]> log = encoded();
        GoldenReplay.Replay replay = GoldenReplay.replay(log, GoldenReplay.Timing.COMMAND_TIME);
        Files.write(dir.resolve("commands.bin"), GoldenReplay.frame(log));
        Files.writeString(dir.resolve("answers.txt"), replay.answers());
        Files.writeString(dir.resolve("store.txt"), replay.store());
        System.out.println("wrote " + log.size() + " commands, their answers and the final store to " + dir.toAbsolutePath());
    }

    /** Commands with times one second apart, unless {@link #later} moves the clock on. */
    private static final class Log {
        final List<Command> commands = new ArrayList<>();
        long time = T0;

        void later(long millis) {
            time += millis;
        }

        void add(Key key, WritePolicy policy, Operation... ops) {
            filtered(key, policy, null, ops);
        }

        void filtered(Key key, WritePolicy policy, Value filter, Operation... ops) {
            time += 1_000;
            String request = commands.size() % 3 == 0 ? null : "golden-" + commands.size();
            commands.add(new Command(request, request == null ? null : "golden-node", key, List.of(ops), policy, time,
                    filter));
        }
    }

    /** An operation of Aerospike's Java client as the wire listener turns it into one of the engine's. */
    static Operation client(com.aerospike.client.Operation op) {
        byte[] payload = (byte[]) op.value.getObject();
        OperationType type = switch (op.type.protocolType) {
            case 3 -> OperationType.CDT_READ;
            case 4 -> OperationType.CDT_MODIFY;
            case 7 -> OperationType.EXP_READ;
            case 8 -> OperationType.EXP_MODIFY;
            case 12 -> OperationType.BIT_READ;
            case 13 -> OperationType.BIT_MODIFY;
            case 15 -> OperationType.HLL_READ;
            case 16 -> OperationType.HLL_MODIFY;
            default -> throw new IllegalArgumentException("not a payload operation: " + op.type);
        };
        boolean expression = type == OperationType.EXP_READ || type == OperationType.EXP_MODIFY;
        return new Operation(type, op.binName, expression ? Value.of(payload)
                : MsgPack.unpack(payload, 0, payload.length));
    }

    private static Value filter(Exp e) {
        return Value.of(Exp.build(e).getBytes());
    }

    private static com.aerospike.client.Value cv(Object o) {
        return com.aerospike.client.Value.get(o);
    }

    private static Value nestedLists(int depth) {
        Value v = Value.of(1L);
        for (int i = 0; i < depth; i++) {
            v = Value.ofList(List.of(v));
        }
        return v;
    }

    /** A sketch of these elements (8 index bits), as the engine builds it. */
    private static Value.HllValue hllOf(List<String> elements) {
        List<com.aerospike.client.Value> values = elements.stream().map(GoldenLog::cv).toList();
        Outcome o = RecordEngine.apply(null, Command.of(Key.of("test", "scratch", "h"), WritePolicy.DEFAULT, T0,
                client(HLLOperation.add(HLLPolicy.Default, "h", values, 8))), NS);
        return (Value.HllValue) o.record().bins().get("h");
    }
}
