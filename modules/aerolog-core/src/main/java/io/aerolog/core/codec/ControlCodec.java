package io.aerolog.core.codec;

import io.aerolog.core.AerologException;
import io.aerolog.core.Control;
import io.aerolog.core.ResultCode;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexDefinition;
import io.aerolog.core.index.IndexType;
import io.aerolog.schema.ControlKind;
import io.aerolog.schema.IndexCollection;
import io.aerolog.schema.IndexSpec;
import io.aerolog.schema.IndexValueType;
import java.nio.ByteBuffer;

/** A {@link Control} and its Avro form; a kind or type this version does not know (UNKNOWN) is refused. */
final class ControlCodec {
    private ControlCodec() {
    }

    static io.aerolog.schema.Control toAvro(Control c) {
        return new io.aerolog.schema.Control(ControlKind.valueOf(c.kind().name()), c.set(), c.beforeMillis(),
                c.index() == null ? null : toAvro(c.index()));
    }

    static IndexSpec toAvro(IndexDefinition d) {
        return new IndexSpec(d.name(), d.set(), d.bin(), IndexValueType.valueOf(d.type().name()),
                IndexCollection.valueOf(d.collection().name()), d.context() == null ? null : ByteBuffer.wrap(d.context()));
    }

    static Control fromAvro(io.aerolog.schema.Control c) {
        if (c.getKind() == ControlKind.UNKNOWN) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a control command of a kind this node does not know");
        }
        return new Control(Control.Kind.valueOf(c.getKind().name()), c.getSet(), c.getBeforeMillis(),
                c.getIndex() == null ? null : fromAvro(c.getIndex()));
    }

    static IndexDefinition fromAvro(IndexSpec s) {
        if (s.getValueType() == IndexValueType.UNKNOWN || s.getCollection() == IndexCollection.UNKNOWN) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "an index of a type this node does not know");
        }
        byte[] context = null;
        if (s.getContext() != null) {
            ByteBuffer b = s.getContext().duplicate();
            context = new byte[b.remaining()];
            b.get(context);
        }
        return new IndexDefinition(s.getName(), s.getSet(), s.getBin(), IndexType.valueOf(s.getValueType().name()),
                CollectionType.valueOf(s.getCollection().name()), context);
    }

    /** An index definition as bytes (Avro binary of IndexSpec), for the index catalog. */
    static byte[] encode(IndexDefinition d) {
        try {
            return toAvro(d).toByteBuffer().array();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static IndexDefinition decode(byte[] bytes) {
        try {
            return fromAvro(IndexSpec.fromByteBuffer(ByteBuffer.wrap(bytes)));
        } catch (java.io.IOException e) {
            throw new AerologException(ResultCode.PARSE_ERROR, "an index definition that does not decode: " + e.getMessage());
        }
    }
}
