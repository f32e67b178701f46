package io.aerolog.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.aerolog.core.Change;
import io.aerolog.core.Command;
import io.aerolog.core.CoreArbitraries;
import io.aerolog.core.Key;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Everything the codec writes reads back equal, and encoding is a function of the object: the same
 * object gives the same bytes, and so does the object read back (so the changelog and the store are
 * byte-for-byte reproducible from the command log).
 */
class AvroCodecPropertiesTest {

    @Provide
    Arbitrary<Value> values() {
        return CoreArbitraries.values(3);
    }

    @Provide
    Arbitrary<Record> records() {
        return CoreArbitraries.records();
    }

    @Provide
    Arbitrary<Command> commands() {
        return CoreArbitraries.commands();
    }

    @Provide
    Arbitrary<Change> changes() {
        return CoreArbitraries.changes();
    }

    @Property(tries = 1000)
    void valuesRoundTrip(@ForAll("values") Value value) {
        Value back = AvroCodec.fromAvro(AvroCodec.toAvro(value));
        assertThat(back).isEqualTo(value);
        assertSameShape(back, value);
        // through bytes, as a bin of a stored record
        Record r = new Record("", null, Map.of("v", value), 1, 0, 0);
        byte[] bytes = AvroCodec.encodeRecord(r);
        Value decoded = AvroCodec.decodeRecord(bytes).bins().get("v");
        assertThat(decoded).isEqualTo(value);
        assertSameShape(decoded, value);
        assertThat(AvroCodec.encodeRecord(r)).isEqualTo(bytes);
    }

    /** Equality of maps ignores order; the codec must keep it, so compare entry by entry in order. */
    private static void assertSameShape(Value actual, Value expected) {
        assertThat(actual.type()).isEqualTo(expected.type());
        if (expected instanceof Value.ListValue l) {
            var items = ((Value.ListValue) actual).items();
            assertThat(items).hasSameSizeAs(l.items());
            for (int i = 0; i < items.size(); i++) {
                assertSameShape(items.get(i), l.items().get(i));
            }
        } else if (expected instanceof Value.MapValue m) {
            assertThat(((Value.MapValue) actual).entries().keySet()).containsExactlyElementsOf(m.entries().keySet());
            for (Map.Entry<Value, Value> e : m.entries().entrySet()) {
                assertSameShape(((Value.MapValue) actual).entries().get(e.getKey()), e.getValue());
            }
        } else if (expected instanceof Value.DoubleValue d) {
            assertThat(Double.doubleToRawLongBits(((Value.DoubleValue) actual).value()))
                    .isEqualTo(Double.doubleToRawLongBits(d.value()));
        }
    }

    @Property(tries = 1000)
    void recordsRoundTrip(@ForAll("records") Record record) {
        byte[] bytes = AvroCodec.encodeRecord(record);
        Record back = AvroCodec.decodeRecord(bytes);
        assertThat(back).isEqualTo(record);
        assertThat(back.bins().keySet()).containsExactlyElementsOf(record.bins().keySet());
        assertThat(AvroCodec.encodeRecord(record)).isEqualTo(bytes);
        assertThat(AvroCodec.encodeRecord(back)).isEqualTo(bytes);
    }

    @Property(tries = 1000)
    void commandsRoundTrip(@ForAll("commands") Command command) {
        byte[] bytes = AvroCodec.encodeCommand(command);
        Command back = AvroCodec.decodeCommand(bytes);
        assertThat(back).isEqualTo(command);
        // Key equality is namespace and digest; the set and user key must come back too
        Key k = back.key();
        assertThat(k.set()).isEqualTo(command.key().set());
        assertThat(k.userKey()).isEqualTo(command.key().userKey());
        assertThat(back.operations()).containsExactlyElementsOf(command.operations());
        assertThat(AvroCodec.encodeCommand(command)).isEqualTo(bytes);
        assertThat(AvroCodec.encodeCommand(back)).isEqualTo(bytes);
    }

    @Property(tries = 1000)
    void changesRoundTrip(@ForAll("changes") Change change) {
        byte[] bytes = AvroCodec.encodeChange(change);
        Change back = AvroCodec.decodeChange(bytes);
        assertThat(back).isEqualTo(change);
        assertThat(back.bins().keySet()).containsExactlyElementsOf(change.bins().keySet());
        assertThat(AvroCodec.encodeChange(change)).isEqualTo(bytes);
        assertThat(AvroCodec.encodeChange(back)).isEqualTo(bytes);
    }
}
