package io.aerolog.core.codec;

import io.aerolog.core.Change;
import io.aerolog.core.Command;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.ChangeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects behind the committed files under {@code src/test/resources/golden/}: bytes written by
 * the first released encoding, which every later version must keep reading as these objects.
 * Never change these objects or regenerate the files; add new files for new versions instead.
 */
final class GoldenFixtures {
    private GoldenFixtures() {
    }

    static Map<String, Value> allTypes() {
        Map<Value, Value> map = new LinkedHashMap<>();
        map.put(Value.of("k"), Value.of(1L));
        map.put(Value.of(2L), Value.ofList(List.of(Value.of(true), Value.NIL)));
        map.put(Value.of(new byte[] {9}), Value.of(-0.0));
        Map<String, Value> bins = new LinkedHashMap<>();
        bins.put("name", Value.of("Ålice ✓ 𝄞"));
        bins.put("count", Value.of(Long.MIN_VALUE));
        bins.put("ratio", Value.of(0.1));
        bins.put("nan", Value.of(Double.NaN));
        bins.put("ok", Value.of(true));
        bins.put("blob", Value.of(new byte[] {0, (byte) 0xFF, 0x7F}));
        bins.put("empty", Value.of(new byte[0]));
        bins.put("tags", Value.ofList(List.of(Value.of("a"), Value.of(1L),
                Value.ofList(List.of(Value.ofMap(Map.of(Value.of("deep"), Value.of(3L))))))));
        bins.put("map", Value.ofMap(map));
        bins.put("where", Value.ofGeoJson("{\"type\":\"Point\",\"coordinates\":[2.35,48.85]}"));
        return bins;
    }

    static Command command() {
        return new Command("req-0001", "node-a", Key.of("test", "users", "alice"), List.of(
                Operation.write("name", Value.of("Alice")),
                Operation.write("gone", Value.NIL),
                Operation.write("map", allTypes().get("map")),
                Operation.write("tags", allTypes().get("tags")),
                Operation.write("where", allTypes().get("where")),
                Operation.write("blob", allTypes().get("blob")),
                Operation.deleteBin("old"),
                Operation.add("count", Value.of(1L)),
                Operation.add("ratio", Value.of(0.5)),
                Operation.append("name", Value.of("!")),
                Operation.prepend("blob", Value.of(new byte[] {1})),
                Operation.touch(),
                Operation.read("name"),
                Operation.readAll(),
                Operation.readHeader(),
                Operation.delete()),
                new WritePolicy(RecordExistsAction.UPDATE_ONLY, GenerationPolicy.EXPECT_GEN_EQUAL, 7, 3600, true, true),
                1_700_000_000_123L);
    }

    static Command digestOnlyCommand() {
        return new Command(null, null, Key.ofDigest("test", "", Key.of("test", "", 42L).digest()),
                List.of(Operation.write("n", Value.of(42L))),
                new WritePolicy(RecordExistsAction.CREATE_ONLY, GenerationPolicy.EXPECT_GEN_GT, 3, -2, false, false),
                1_700_000_000_456L);
    }

    static Record record() {
        return new Record("users", Value.of(42L), allTypes(), 7, 1_700_003_600_000L, 1_700_000_000_000L);
    }

    static Change change() {
        Key key = Key.of("test", "events", new byte[] {1, 2, 3});
        return new Change("test", "events", key.digest(), Value.of(new byte[] {1, 2, 3}), ChangeKind.WRITE, 3,
                1_700_000_000_789L, 0L, allTypes(), 5, 12_345L);
    }

    static Change deleteChange() {
        return new Change("test", "", Key.of("test", "", "bob").digest(), null, ChangeKind.DELETE, 65_535,
                1_700_000_001_000L, 1_700_000_100_000L, Map.of(), 0, 0L);
    }

    /** Writes the fixture files; run once by hand (not a test), with the target directory as argument. */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.write(dir.resolve("command-v1.bin"), AvroCodec.encodeCommand(command()));
        java.nio.file.Files.write(dir.resolve("command-digest-only-v1.bin"), AvroCodec.encodeCommand(digestOnlyCommand()));
        java.nio.file.Files.write(dir.resolve("stored-record-v1.bin"), AvroCodec.encodeRecord(record()));
        java.nio.file.Files.write(dir.resolve("record-change-v1.bin"), AvroCodec.encodeChange(change()));
        java.nio.file.Files.write(dir.resolve("record-change-delete-v1.bin"), AvroCodec.encodeChange(deleteChange()));
    }
}
