package io.aerolog.cli.backup;

import io.aerolog.core.Change;
import io.aerolog.core.Value;
import io.aerolog.core.codec.MsgPack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WRITE change of Aerolog's changes topic as a backup file's record: the after image, its generation and
 * void time; lists and maps packed as the node stores them (Aerolog's {@link MsgPack}, order flags kept).
 */
final class ChangeValues {
    private ChangeValues() {
    }

    static BackupRecord record(Change change) {
        List<BackupBin> bins = new ArrayList<>(change.bins().size());
        for (Map.Entry<String, Value> e : change.bins().entrySet()) {
            bins.add(bin(e.getKey(), e.getValue()));
        }
        return new BackupRecord(change.namespace(), change.set(), change.digest().bytes(), userKey(change.userKey()),
                change.generation(), TextFormat.voidTimeFromUnixMillis(change.voidTimeMillis()), bins);
    }

    private static BackupRecord.UserKey userKey(Value key) {
        if (key == null || key instanceof Value.NilValue) {
            return null;
        }
        if (key instanceof Value.IntegerValue i) {
            return new BackupRecord.UserKey('I', i.value());
        }
        if (key instanceof Value.StringValue s) {
            return new BackupRecord.UserKey('S', s.value());
        }
        if (key instanceof Value.BytesValue b) {
            return new BackupRecord.UserKey('B', b.value());
        }
        throw new UnsupportedValueException("a user key of type " + key.type());
    }

    static BackupBin bin(String name, Value v) {
        if (v instanceof Value.NilValue) {
            return new BackupBin(name, 'N', null);
        }
        if (v instanceof Value.BoolValue b) {
            return new BackupBin(name, 'Z', b.value());
        }
        if (v instanceof Value.IntegerValue i) {
            return new BackupBin(name, 'I', i.value());
        }
        if (v instanceof Value.DoubleValue d) {
            return new BackupBin(name, 'D', d.value());
        }
        if (v instanceof Value.StringValue s) {
            return new BackupBin(name, 'S', s.value());
        }
        if (v instanceof Value.BytesValue b) {
            return new BackupBin(name, 'B', b.value());
        }
        if (v instanceof Value.GeoJsonValue g) {
            return new BackupBin(name, 'G', g.json());
        }
        if (v instanceof Value.HllValue h) {
            return new BackupBin(name, 'Y', h.value());
        }
        if (v instanceof Value.ListValue) {
            return new BackupBin(name, 'L', MsgPack.pack(v));
        }
        if (v instanceof Value.MapValue) {
            return new BackupBin(name, 'M', MsgPack.pack(v));
        }
        throw new UnsupportedValueException("bin '" + name + "' holds a " + v.type()
                + ", which asbackup's text format has no type for");
    }
}
