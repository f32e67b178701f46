package io.aerolog.server.wire;

import io.aerolog.core.AerologException;
import io.aerolog.core.Digest;
import io.aerolog.core.ResultCode;
import io.aerolog.core.index.CollectionType;
import io.aerolog.core.index.IndexType;
import io.aerolog.server.scan.IndexFilter;
import io.aerolog.server.scan.PartitionPart;
import io.aerolog.server.scan.ScanSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a scan or query message of Aerospike's protocol (a message without a key) into a {@link ScanSpec},
 * as the Java client's {@code setScan} and {@code setQuery} write it and the server's {@code query.c} reads
 * it: the partitions (PID_ARRAY: 2-byte little-endian ids; DIGEST_ARRAY: digests to resume after, their
 * partitions implied; BVAL_ARRAY: the index value of each digest, 8 bytes little-endian), MAX_RECORDS and
 * RECORDS_PER_SECOND (big-endian), the bins as read operations, the index filter (INDEX_RANGE, INDEX_TYPE,
 * INDEX_CONTEXT). What it cannot serve it refuses with the server's code: a message without partitions or
 * without the partition-done flag (clients before 6.0), and operations other than bin reads. A job (a
 * background scan or query: a write with operations, or a UDF with udf-op background; an aggregation: a UDF
 * with udf-op aggregate) is read by {@link #parseJob}: it names no partitions (it covers those the node
 * masters) and carries its task id (QUERY_ID), as {@code query.c} reads it.
 */
final class ScanMessage {
    static final int FIELD_QUERY_ID = 7;
    static final int FIELD_RECORDS_PER_SECOND = 10;
    static final int FIELD_PID_ARRAY = 11;
    static final int FIELD_DIGEST_ARRAY = 12;
    static final int FIELD_MAX_RECORDS = 13;
    static final int FIELD_BVAL_ARRAY = 15;
    static final int FIELD_INDEX_NAME = 21;
    static final int FIELD_INDEX_RANGE = 22;
    static final int FIELD_INDEX_CONTEXT = 23;
    static final int FIELD_INDEX_TYPE = 26;
    static final int FIELD_QUERY_BINLIST = 40;
    static final int FIELD_UDF_OP = 33;
    static final int UDF_OP_AGGREGATE = 1;
    static final int UDF_OP_BACKGROUND = 2;
    static final int INFO1_SHORT_QUERY = 4;
    static final int INFO3_PARTITION_DONE = 4;
    /** The fields only a scan or query carries. */
    static final Set<Integer> FIELDS = Set.of(FIELD_QUERY_ID, FIELD_RECORDS_PER_SECOND, FIELD_PID_ARRAY,
            FIELD_DIGEST_ARRAY, FIELD_MAX_RECORDS, FIELD_BVAL_ARRAY, FIELD_INDEX_NAME, FIELD_INDEX_RANGE,
            FIELD_INDEX_CONTEXT, FIELD_INDEX_TYPE, FIELD_QUERY_BINLIST, FIELD_UDF_OP);
    /** Aerospike's particle type of GeoJSON. */
    private static final int PARTICLE_GEOJSON = 23;

    private ScanMessage() {
    }

    /** The scan or query of {@code r}, read from {@code len} bytes of {@code buf} from {@code off}. */
    static ScanSpec parse(Request r, byte[] buf, int off, int len) {
        if (r.namespace() == null || r.namespace().isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a scan or query names no namespace");
        }
        if (r.isWrite() || (r.info2() & Request.INFO2_DELETE) != 0) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "background scans and queries (operations"
                    + " or a UDF applied to every record) are not served by Aerolog yet");
        }
        if ((r.info3() & INFO3_PARTITION_DONE) == 0) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "a scan or query without the partition-done"
                    + " flag (a client older than Aerospike 6's partition queries)");
        }
        Fields f = fields(buf, off, len, false);
        if (f.parts().isEmpty()) {
            throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "a scan or query that names no partitions"
                    + " (a client older than Aerospike 6's partition queries)");
        }
        boolean noBins = (r.info1() & Request.INFO1_NOBINDATA) != 0;
        List<String> bins = null;
        if (!r.ops().isEmpty()) {
            bins = new ArrayList<>(r.ops().size());
            for (Request.Op op : r.ops()) {
                if (op.type() != Commands.OP_READ || op.bin() == null) {
                    throw new AerologException(ResultCode.UNSUPPORTED_FEATURE, "a scan or query with operation type "
                            + op.type() + ": only bin reads are served in scans and queries");
                }
                bins.add(op.bin());
            }
        }
        return new ScanSpec(r.namespace(), r.set(), bins, noBins, r.filter(), f.maxRecords(), f.rps(), f.parts(),
                f.index());
    }

    /** Whether {@code r} is a job: a background scan or query (a write), or a scan or query applying a UDF. */
    static boolean isJob(Request r) {
        return r.isWrite() || (r.info2() & Request.INFO2_DELETE) != 0 || r.udf() != null
                || r.otherFields().contains(FIELD_UDF_OP);
    }

    /**
     * A job: the scan or query it runs over, its task id (0: none given), what it applies: {@code udfOp} (0 for
     * operations, else {@link #UDF_OP_AGGREGATE} or {@link #UDF_OP_BACKGROUND}) with the UDF, or the operations.
     */
    record Job(ScanSpec scan, long trid, int udfOp, Request.Udf udf, List<Request.Op> ops) {
        boolean aggregate() {
            return udfOp == UDF_OP_AGGREGATE;
        }
    }

    /**
     * The job of {@code r} ({@link #isJob}), as the server's {@code get_query_type} tells them apart: operations
     * of a write without UDF fields (each a write: PARAMETER_ERROR otherwise, as the client refuses read
     * operations there), or a UDF with its udf-op (a background one is a write, an aggregation a read). A UDF job
     * passes over bins or operations the message also carries, as the server does: the UDF gets whole records.
     */
    static Job parseJob(Request r, byte[] buf, int off, int len) {
        if (r.namespace() == null || r.namespace().isEmpty()) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a scan or query names no namespace");
        }
        Fields f = fields(buf, off, len, true);
        if (f.maxRecords() != 0) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a background job or aggregation with max-records");
        }
        List<PartitionPart> parts = f.parts();
        if (parts.isEmpty()) {
            parts = new ArrayList<>(Digest.PARTITIONS);
            for (int p = 0; p < Digest.PARTITIONS; p++) {
                parts.add(PartitionPart.whole(p));
            }
        } else if (parts.stream().anyMatch(PartitionPart::resumed)) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a background job or aggregation resumed after"
                    + " a digest");
        }
        ScanSpec spec = new ScanSpec(r.namespace(), r.set(), null, false, r.filter(), 0, f.rps(), parts, f.index());
        if (r.udf() == null && f.udfOp() == 0) {
            if (!r.isWrite() || (r.info2() & Request.INFO2_DELETE) != 0 || r.ops().isEmpty()) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "a background scan or query writes"
                        + " operations");
            }
            return new Job(spec, f.trid(), 0, null, r.ops());
        }
        Request.Udf udf = r.udf();
        if (udf == null || udf.packageName() == null || udf.function() == null) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a UDF scan or query names its package and"
                    + " function");
        }
        switch (f.udfOp()) {
            case UDF_OP_BACKGROUND -> {
                if (!r.isWrite()) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, "a background UDF job is a write");
                }
            }
            case UDF_OP_AGGREGATE -> {
                if (r.isWrite() || (r.info2() & Request.INFO2_DELETE) != 0) {
                    throw new AerologException(ResultCode.PARAMETER_ERROR, "an aggregation does not write");
                }
            }
            default -> throw new AerologException(ResultCode.PARAMETER_ERROR, "udf-op " + f.udfOp()
                    + " (1 aggregates, 2 runs in the background)");
        }
        return new Job(spec, f.trid(), f.udfOp(), udf, List.of());
    }

    /** What the scan and query fields of a message say. */
    private record Fields(List<PartitionPart> parts, long maxRecords, int rps, IndexFilter index, long trid, int udfOp) {
    }

    /**
     * Reads the scan and query fields of the message; a job ({@code job}: a background scan or query, or an
     * aggregation) may carry the UDF fields, which a plain scan or query may not.
     */
    private static Fields fields(byte[] buf, int off, int len, boolean job) {
        List<Request.Field> fields = new ArrayList<>();
        Request.readFields(buf, off + (buf[off] & 0xFF), off + len, Request.shortAt(buf, off + 18), fields, "the message");
        ArrayList<PartitionPart> parts = new ArrayList<>();
        boolean[] seen = new boolean[Digest.PARTITIONS];
        List<byte[]> digests = new ArrayList<>();
        long[] bvals = null;
        long maxRecords = 0;
        int rps = 0;
        long trid = 0;
        int udfOp = 0;
        byte[] range = null;
        byte[] context = null;
        CollectionType collection = CollectionType.DEFAULT;
        for (Request.Field f : fields) {
            switch (f.type()) {
                case FIELD_PID_ARRAY -> {
                    if (f.length() % 2 != 0) {
                        throw Request.malformed("a partition-id array of " + f.length() + " bytes");
                    }
                    parts.ensureCapacity(parts.size() + f.length() / 2);
                    for (int p = f.offset(); p < f.offset() + f.length(); p += 2) {
                        int id = (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8;
                        if (id >= Digest.PARTITIONS || seen[id]) {
                            throw Request.malformed("partition id " + id + " (out of range or named twice)");
                        }
                        seen[id] = true;
                        parts.add(PartitionPart.whole(id));
                    }
                }
                case FIELD_DIGEST_ARRAY -> {
                    if (f.length() % Digest.SIZE != 0) {
                        throw Request.malformed("a digest array of " + f.length() + " bytes");
                    }
                    for (int p = f.offset(); p < f.offset() + f.length(); p += Digest.SIZE) {
                        digests.add(java.util.Arrays.copyOfRange(buf, p, p + Digest.SIZE));
                    }
                }
                case FIELD_BVAL_ARRAY -> {
                    if (f.length() % 8 != 0) {
                        throw Request.malformed("an index-value array of " + f.length() + " bytes");
                    }
                    bvals = new long[f.length() / 8];
                    for (int i = 0; i < bvals.length; i++) {
                        bvals[i] = Long.reverseBytes(longAt(buf, f.offset() + 8 * i));
                    }
                }
                case FIELD_MAX_RECORDS -> maxRecords = fixed(buf, f, 8, "max-records");
                case FIELD_RECORDS_PER_SECOND -> rps = (int) fixed(buf, f, 4, "records-per-second");
                case FIELD_INDEX_RANGE -> range = f.bytes(buf, 0);
                case FIELD_INDEX_CONTEXT -> context = f.bytes(buf, 0);
                case FIELD_INDEX_TYPE -> {
                    int t = f.length() == 1 ? buf[f.offset()] & 0xFF : -1;
                    if (t < 0 || t >= CollectionType.values().length) {
                        throw Request.malformed("index collection type " + t);
                    }
                    collection = CollectionType.values()[t];
                }
                case FIELD_QUERY_ID -> trid = fixed(buf, f, 8, "query-id");
                case FIELD_UDF_OP -> {
                    if (!job) {
                        throw new AerologException(ResultCode.PARAMETER_ERROR, "a udf-op field in a plain scan or query");
                    }
                    if (f.length() != 1) {
                        throw Request.malformed("a udf-op field of " + f.length() + " bytes");
                    }
                    udfOp = buf[f.offset()] & 0xFF;
                }
                case Request.FIELD_UDF_PACKAGE_NAME, Request.FIELD_UDF_FUNCTION, Request.FIELD_UDF_ARGLIST -> {
                    if (!job) {
                        throw new AerologException(ResultCode.PARAMETER_ERROR, "UDF fields without a udf-op");
                    }
                }
                case FIELD_QUERY_BINLIST -> throw new AerologException(ResultCode.UNSUPPORTED_FEATURE,
                        "a query's bin list as a field (clients older than Aerospike 6): send bins as operations");
                default -> { }
            }
        }
        if (bvals != null && bvals.length != digests.size()) {
            throw Request.malformed(bvals.length + " index values for " + digests.size() + " digests");
        }
        for (int i = 0; i < digests.size(); i++) {
            PartitionPart part = PartitionPart.after(digests.get(i), bvals == null ? 0 : bvals[i]);
            if (seen[part.id()]) {
                throw Request.malformed("partition " + part.id() + " named twice");
            }
            seen[part.id()] = true;
            parts.add(part);
        }
        if (maxRecords < 0) {
            throw Request.malformed("max-records " + maxRecords);
        }
        if (rps < 0) {
            throw Request.malformed("records-per-second " + Integer.toUnsignedString(rps));
        }
        IndexFilter index = range == null ? null : indexFilter(range, collection, context);
        if (index == null && (context != null || collection != CollectionType.DEFAULT)) {
            throw Request.malformed("an index type or context without an index range");
        }
        return new Fields(parts, maxRecords, rps, index, trid, udfOp);
    }

    /** The one filter of an INDEX_RANGE field: count, bin name, particle type, begin and end (each sized). */
    private static IndexFilter indexFilter(byte[] b, CollectionType collection, byte[] context) {
        try {
            if ((b[0] & 0xFF) != 1) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "a query with " + (b[0] & 0xFF)
                        + " index filters (exactly one is served)");
            }
            int nameLen = b[1] & 0xFF;
            String bin = new String(b, 2, nameLen, java.nio.charset.StandardCharsets.UTF_8);
            int p = 2 + nameLen;
            int particle = b[p++] & 0xFF;
            int beginLen = Request.intAt(b, p);
            byte[] begin = java.util.Arrays.copyOfRange(b, p + 4, p + 4 + beginLen);
            p += 4 + beginLen;
            int endLen = Request.intAt(b, p);
            byte[] end = java.util.Arrays.copyOfRange(b, p + 4, p + 4 + endLen);
            if (p + 4 + endLen != b.length || beginLen < 0 || endLen < 0) {
                throw Request.malformed("an index range that does not end where its field does");
            }
            return switch (particle) {
                case Particles.INTEGER -> {
                    if (begin.length != 8 || end.length != 8) {
                        throw Request.malformed("a numeric index range of " + begin.length + " and " + end.length + " bytes");
                    }
                    yield new IndexFilter(bin, IndexType.NUMERIC, collection, context, longAt(begin, 0), longAt(end, 0), null);
                }
                case Particles.STRING, Particles.BLOB -> {
                    if (!java.util.Arrays.equals(begin, end)) {
                        throw new AerologException(ResultCode.PARAMETER_ERROR, "a string or blob index filter is an"
                                + " equality: its begin and end differ");
                    }
                    yield new IndexFilter(bin, particle == Particles.STRING ? IndexType.STRING : IndexType.BLOB,
                            collection, context, 0, 0, begin);
                }
                case PARTICLE_GEOJSON -> IndexFilter.geo(bin, collection, context,
                        new String(begin, java.nio.charset.StandardCharsets.UTF_8));
                default -> throw new AerologException(ResultCode.PARAMETER_ERROR, "an index filter of particle type "
                        + particle);
            };
        } catch (IndexOutOfBoundsException e) {
            throw Request.malformed("an index range field that runs short");
        }
    }

    private static long fixed(byte[] buf, Request.Field f, int size, String what) {
        if (f.length() != size) {
            throw Request.malformed("a " + what + " field of " + f.length() + " bytes (" + size + " expected)");
        }
        return size == 8 ? longAt(buf, f.offset()) : Request.intAt(buf, f.offset()) & 0xFFFF_FFFFL;
    }

    static long longAt(byte[] buf, int off) {
        return (long) Request.intAt(buf, off) << 32 | Request.intAt(buf, off + 4) & 0xFFFF_FFFFL;
    }
}
