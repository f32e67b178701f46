package io.aerolog.core.codec;

import io.aerolog.core.AerologException;
import io.aerolog.core.Change;
import io.aerolog.core.Command;
import io.aerolog.core.Digest;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.Key;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.ChangeKind;
import io.aerolog.schema.Bin;
import io.aerolog.schema.GeoJsonValue;
import io.aerolog.schema.HllValue;
import io.aerolog.schema.ListValue;
import io.aerolog.schema.MapEntry;
import io.aerolog.schema.MapValue;
import io.aerolog.schema.Rejected;
import io.aerolog.schema.RecordChange;
import io.aerolog.schema.SpecialValue;
import io.aerolog.schema.StoredRecord;
import io.aerolog.schema.UserKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;

/**
 * Encodes commands, stored records, changes and dead letters as Avro single-object encoding
 * ({@code C3 01}, the writer schema's 8-byte fingerprint, the body), the contract of {@code schemas/}.
 * A reader resolves bytes of any writer schema registered with {@link #registerWriterSchema}, so
 * records written by an older, compatible schema keep reading. Thread-safe.
 */
public final class AvroCodec {
    private static final SpecificData DATA = SpecificData.get();

    private static final BinaryMessageEncoder<io.aerolog.schema.Command> COMMAND_ENCODER =
            new BinaryMessageEncoder<>(DATA, io.aerolog.schema.Command.getClassSchema());
    private static final BinaryMessageDecoder<io.aerolog.schema.Command> COMMAND_DECODER =
            new BinaryMessageDecoder<>(DATA, io.aerolog.schema.Command.getClassSchema());
    private static final BinaryMessageEncoder<StoredRecord> RECORD_ENCODER =
            new BinaryMessageEncoder<>(DATA, StoredRecord.getClassSchema());
    private static final BinaryMessageDecoder<StoredRecord> RECORD_DECODER =
            new BinaryMessageDecoder<>(DATA, StoredRecord.getClassSchema());
    private static final BinaryMessageEncoder<RecordChange> CHANGE_ENCODER =
            new BinaryMessageEncoder<>(DATA, RecordChange.getClassSchema());
    private static final BinaryMessageDecoder<RecordChange> CHANGE_DECODER =
            new BinaryMessageDecoder<>(DATA, RecordChange.getClassSchema());
    private static final BinaryMessageEncoder<Rejected> REJECTED_ENCODER =
            new BinaryMessageEncoder<>(DATA, Rejected.getClassSchema());
    private static final BinaryMessageDecoder<Rejected> REJECTED_DECODER =
            new BinaryMessageDecoder<>(DATA, Rejected.getClassSchema());

    /** Earlier versions of the contract's schemas, whose bytes (in logs and stores) must keep decoding. */
    private static final List<String> HISTORY = List.of("Command-v1", "Command-v2", "StoredRecord-v1",
            "RecordChange-v1", "Rejected-v1");

    static {
        for (String name : HISTORY) {
            try (java.io.InputStream in = AvroCodec.class.getResourceAsStream("history/" + name + ".avsc")) {
                if (in == null) {
                    throw new IllegalStateException("schema history " + name + " is missing from the jar");
                }
                registerWriterSchema(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private AvroCodec() {
    }

    /**
     * Lets the decoders read bytes written with {@code writerSchema}, an older version of one of the
     * contract's schemas. Registering a schema twice is harmless.
     */
    public static void registerWriterSchema(Schema writerSchema) {
        switch (writerSchema.getName()) {
            case "Command" -> COMMAND_DECODER.addSchema(writerSchema);
            case "StoredRecord" -> RECORD_DECODER.addSchema(writerSchema);
            case "RecordChange" -> CHANGE_DECODER.addSchema(writerSchema);
            case "Rejected" -> REJECTED_DECODER.addSchema(writerSchema);
            default -> throw new IllegalArgumentException("no decoder for schema " + writerSchema.getFullName());
        }
    }

    // ---- commands

    public static byte[] encodeCommand(Command command) {
        WritePolicy p = command.policy();
        List<io.aerolog.schema.Operation> ops = new ArrayList<>(command.operations().size());
        for (Operation op : command.operations()) {
            ops.add(new io.aerolog.schema.Operation(io.aerolog.schema.OperationType.valueOf(op.type().name()),
                    op.bin(), op.value() == null ? null : toAvro(op.value())));
        }
        io.aerolog.schema.WritePolicy policy = new io.aerolog.schema.WritePolicy(
                io.aerolog.schema.RecordExistsAction.valueOf(p.recordExistsAction().name()),
                io.aerolog.schema.GenerationPolicy.valueOf(p.generationPolicy().name()),
                p.generation(), p.expiration(), p.durableDelete(), p.sendKey());
        Key key = command.key();
        io.aerolog.schema.Command avro = new io.aerolog.schema.Command(command.requestId(), command.origin(),
                key.namespace(), key.set(), new io.aerolog.schema.Digest(key.digest().bytes()),
                toAvroUserKey(key.userKey()), ops, policy, command.timeMillis(),
                command.filter() == null ? null : toAvro(command.filter()),
                command.control() == null ? null : ControlCodec.toAvro(command.control()));
        return encode(COMMAND_ENCODER, avro);
    }

    /**
     * Decodes a command. A command whose user key is present is checked against its digest, so a
     * producer cannot file a record under another key's digest.
     *
     * @throws AerologException PARSE_ERROR when the bytes are not a command of a known schema, or
     *                          PARAMETER_ERROR when they are one that is not valid
     */
    public static Command decodeCommand(byte[] bytes) {
        io.aerolog.schema.Command c = decode(COMMAND_DECODER, bytes, "Command");
        Digest digest = Digest.of(c.getDigest().bytes());
        Value userKey = fromAvroUserKey(c.getUserKey());
        Key key;
        if (userKey != null) {
            key = Key.ofUserKey(c.getNamespace(), c.getSet(), userKey);
            if (!key.digest().equals(digest)) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "the command's digest " + digest
                        + " is not the digest of its user key (" + key.digest() + ")");
            }
        } else {
            key = Key.ofDigest(c.getNamespace(), c.getSet(), digest);
        }
        List<Operation> ops = new ArrayList<>(c.getOperations().size());
        for (io.aerolog.schema.Operation op : c.getOperations()) {
            ops.add(new Operation(OperationType.valueOf(op.getType().name()), op.getBin(),
                    op.getValue() == null ? null : fromAvro(op.getValue())));
        }
        io.aerolog.schema.WritePolicy p = c.getPolicy();
        WritePolicy policy = new WritePolicy(RecordExistsAction.valueOf(p.getRecordExistsAction().name()),
                GenerationPolicy.valueOf(p.getGenerationPolicy().name()), p.getGeneration(), p.getExpiration(),
                p.getDurableDelete(), p.getSendKey());
        return new Command(c.getRequestId(), c.getOrigin(), key, ops, policy, c.getTimeMillis(),
                c.getFilter() == null ? null : fromAvro(c.getFilter()),
                c.getControl() == null ? null : ControlCodec.fromAvro(c.getControl()));
    }

    /** A secondary index's definition as bytes (for the index catalog). */
    public static byte[] encodeIndex(io.aerolog.core.index.IndexDefinition index) {
        return ControlCodec.encode(index);
    }

    public static io.aerolog.core.index.IndexDefinition decodeIndex(byte[] bytes) {
        return ControlCodec.decode(bytes);
    }

    // ---- stored records

    public static byte[] encodeRecord(Record record) {
        StoredRecord avro = new StoredRecord(record.set(), toAvroUserKey(record.userKey()), record.generation(),
                record.voidTimeMillis(), record.lastUpdateMillis(), toAvroBins(record.bins()));
        return encode(RECORD_ENCODER, avro);
    }

    public static Record decodeRecord(byte[] bytes) {
        return decodeRecord(bytes, BinSelection.ALL);
    }

    /**
     * A stored record with only the bins {@code bins} selects: a scan or query returning some bins reads these
     * alone. Not for a record that is written back (its other bins would be lost).
     */
    public static Record decodeRecord(byte[] bytes, BinSelection bins) {
        if (bytes != null) {
            Record current = StoredRecordReader.read(bytes, bins);
            if (current != null) {
                return current;
            }
        }
        Record whole = decodeRecordWithAvro(bytes);
        if (bins.all()) {
            return whole;
        }
        Map<String, Value> selected = new LinkedHashMap<>();
        whole.bins().forEach((name, value) -> {
            if (bins.wants(name)) {
                selected.put(name, value);
            }
        });
        return new Record(whole.set(), whole.userKey(), selected, whole.generation(), whole.voidTimeMillis(),
                whole.lastUpdateMillis());
    }

    /**
     * The header of a stored record, from which its bins are read on ({@link StoredHeader#visitBins}): a wire
     * scan checks each record's header and copies its bins in one walk of its bytes. A record of an older schema is
     * decoded by Avro and encoded again with the current one, so its header reads as any other.
     *
     * @throws AerologException PARSE_ERROR when the bytes are not a stored record of a known schema, or their
     *                          header does not decode (their bins are checked when they are read)
     */
    public static StoredHeader decodeHeader(byte[] bytes) {
        StoredHeader current = bytes == null ? null : StoredRecordReader.header(bytes);
        return current != null ? current : StoredRecordReader.header(encodeRecord(decodeRecordWithAvro(bytes)));
    }

    /**
     * The set of a stored record: read from its first field alone when it was written with the current schema
     * (counting and sweeping a store reads every record's set and nothing else), decoded otherwise.
     */
    public static String decodeRecordSet(byte[] bytes) {
        String set = bytes == null ? null : StoredRecordReader.setOf(bytes);
        return set != null ? set : decodeRecordWithAvro(bytes).set();
    }

    /** {@link #decodeRecord} through Avro's resolving reader: bytes of any registered StoredRecord schema. */
    static Record decodeRecordWithAvro(byte[] bytes) {
        StoredRecord r = decode(RECORD_DECODER, bytes, "StoredRecord");
        return new Record(r.getSet(), fromAvroUserKey(r.getUserKey()), fromAvroBins(r.getBins()),
                r.getGeneration(), r.getVoidTimeMillis(), r.getLastUpdateMillis());
    }

    // ---- changes

    public static byte[] encodeChange(Change change) {
        RecordChange avro = new RecordChange(change.namespace(), change.set(),
                ByteBuffer.wrap(change.digest().bytes()), toAvroUserKey(change.userKey()),
                io.aerolog.schema.ChangeKind.valueOf(change.kind().name()), change.generation(),
                change.lastUpdateMillis(), change.voidTimeMillis(), toAvroBins(change.bins()),
                change.sourcePartition(), change.sourceOffset());
        return encode(CHANGE_ENCODER, avro);
    }

    public static Change decodeChange(byte[] bytes) {
        RecordChange c = decode(CHANGE_DECODER, bytes, "RecordChange");
        return new Change(c.getNamespace(), c.getSet(), Digest.of(toArray(c.getDigest())),
                fromAvroUserKey(c.getUserKey()), ChangeKind.valueOf(c.getKind().name()), c.getGeneration(),
                c.getLastUpdateMillis(), c.getVoidTimeMillis(), fromAvroBins(c.getBins()), c.getSourcePartition(),
                c.getSourceOffset());
    }

    // ---- dead letters

    public static byte[] encodeRejected(Rejected rejected) {
        return encode(REJECTED_ENCODER, rejected);
    }

    public static Rejected decodeRejected(byte[] bytes) {
        return decode(REJECTED_DECODER, bytes, "Rejected");
    }

    // ---- values

    public static io.aerolog.schema.Value toAvro(Value value) {
        Object v;
        if (value instanceof Value.NilValue) {
            v = null;
        } else if (value instanceof Value.BoolValue b) {
            v = b.value();
        } else if (value instanceof Value.IntegerValue i) {
            v = i.value();
        } else if (value instanceof Value.DoubleValue d) {
            v = d.value();
        } else if (value instanceof Value.StringValue s) {
            v = s.value();
        } else if (value instanceof Value.BytesValue b) {
            v = ByteBuffer.wrap(b.value());
        } else if (value instanceof Value.ListValue l) {
            List<io.aerolog.schema.Value> items = new ArrayList<>(l.items().size());
            for (Value item : l.items()) {
                items.add(toAvro(item));
            }
            v = new ListValue(items, l.ordered());
        } else if (value instanceof Value.MapValue m) {
            List<MapEntry> entries = new ArrayList<>(m.entries().size());
            for (Map.Entry<Value, Value> e : m.entries().entrySet()) {
                entries.add(new MapEntry(toAvro(e.getKey()), toAvro(e.getValue())));
            }
            v = new MapValue(entries, m.order().flags());
        } else if (value instanceof Value.GeoJsonValue g) {
            v = new GeoJsonValue(g.json());
        } else if (value instanceof Value.HllValue h) {
            v = new HllValue(ByteBuffer.wrap(h.value()));
        } else if (value instanceof Value.InfinityValue) {
            v = SpecialValue.INFINITY;
        } else if (value instanceof Value.WildcardValue) {
            v = SpecialValue.WILDCARD;
        } else {
            throw new IllegalArgumentException("unknown value " + value);
        }
        return new io.aerolog.schema.Value(v);
    }

    public static Value fromAvro(io.aerolog.schema.Value value) {
        Object v = value.getV();
        if (v == null) {
            return Value.NIL;
        } else if (v instanceof Boolean b) {
            return Value.of(b);
        } else if (v instanceof Long l) {
            return Value.of(l);
        } else if (v instanceof Double d) {
            return Value.of(d);
        } else if (v instanceof CharSequence s) {
            return Value.of(s.toString());
        } else if (v instanceof ByteBuffer b) {
            return Value.of(toArray(b));
        } else if (v instanceof ListValue l) {
            List<Value> items = new ArrayList<>(l.getItems().size());
            for (io.aerolog.schema.Value item : l.getItems()) {
                items.add(fromAvro(item));
            }
            return new Value.ListValue(items, l.getOrdered());
        } else if (v instanceof MapValue m) {
            Map<Value, Value> entries = new LinkedHashMap<>();
            for (MapEntry e : m.getEntries()) {
                entries.put(fromAvro(e.getKey()), fromAvro(e.getValue()));
            }
            return new Value.MapValue(entries, Value.MapOrder.ofFlags(m.getOrder()));
        } else if (v instanceof GeoJsonValue g) {
            return Value.ofGeoJson(g.getJson());
        } else if (v instanceof HllValue h) {
            return new Value.HllValue(toArray(h.getBytes()));
        } else if (v instanceof SpecialValue sv) {
            return sv == SpecialValue.INFINITY ? Value.INFINITY : Value.WILDCARD;
        }
        throw new AerologException(ResultCode.PARSE_ERROR, "unknown value type " + v.getClass().getName());
    }

    private static List<Bin> toAvroBins(Map<String, Value> bins) {
        List<Bin> out = new ArrayList<>(bins.size());
        for (Map.Entry<String, Value> e : bins.entrySet()) {
            out.add(new Bin(e.getKey(), toAvro(e.getValue())));
        }
        return out;
    }

    private static Map<String, Value> fromAvroBins(List<Bin> bins) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Bin b : bins) {
            out.put(b.getName(), fromAvro(b.getValue()));
        }
        return out;
    }

    private static UserKey toAvroUserKey(Value key) {
        if (key == null) {
            return null;
        }
        if (key instanceof Value.StringValue s) {
            return new UserKey(s.value());
        }
        if (key instanceof Value.IntegerValue i) {
            return new UserKey(i.value());
        }
        if (key instanceof Value.BytesValue b) {
            return new UserKey(ByteBuffer.wrap(b.value()));
        }
        throw new AerologException(ResultCode.PARAMETER_ERROR, "a user key is a string, an integer or bytes");
    }

    private static Value fromAvroUserKey(UserKey key) {
        if (key == null) {
            return null;
        }
        Object v = key.getValue();
        if (v instanceof CharSequence s) {
            return Value.of(s.toString());
        }
        if (v instanceof Long l) {
            return Value.of(l);
        }
        return Value.of(toArray((ByteBuffer) v));
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T datum) {
        try {
            ByteBuffer buf = encoder.encode(datum);
            return toArray(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decode(BinaryMessageDecoder<T> decoder, byte[] bytes, String what) {
        if (bytes == null) {
            throw new AerologException(ResultCode.PARSE_ERROR, "no bytes where a " + what + " was expected");
        }
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException e) {
            throw new AerologException(ResultCode.PARSE_ERROR, "not an Avro single-object encoded " + what
                    + " (it must start with C3 01 and a schema fingerprint): " + e.getMessage(), false, e);
        } catch (MissingSchemaException e) {
            throw new AerologException(ResultCode.PARSE_ERROR, "a " + what
                    + " written with a schema this node does not know: " + e.getMessage(), false, e);
        } catch (IOException | RuntimeException e) {
            throw new AerologException(ResultCode.PARSE_ERROR, "a " + what + " that does not decode: " + e, false, e);
        }
    }
}
