package io.aerolog.cli.sql;

import java.util.List;

/** A parsed statement of the shell's aql dialect. */
public sealed interface Statement {
    /** {@code INSERT INTO ns[.set] (PK, bin, ...) VALUES (key, value, ...)}: writes (creates or updates) one record. */
    record Insert(String namespace, String set, Literal key, List<String> bins, List<Literal> values)
            implements Statement {
        public Insert {
            bins = List.copyOf(bins);
            values = List.copyOf(values);
        }
    }

    /** {@code SELECT * | bin, ... FROM ns[.set] [WHERE ...] [LIMIT n]}; no bins means all. */
    record Select(String namespace, String set, List<String> bins, Where where, Long limit) implements Statement {
        public Select {
            bins = List.copyOf(bins);
        }
    }

    /** {@code DELETE FROM ns[.set] WHERE PK = key}. */
    record Delete(String namespace, String set, KeyRef key) implements Statement {
    }

    /** {@code SHOW NAMESPACES | SETS | BINS | INDEXES [ns]}. */
    record Show(What what, String namespace) implements Statement {
        public enum What { NAMESPACES, SETS, BINS, INDEXES }
    }

    /**
     * {@code CREATE [LIST | MAPKEYS | MAPVALUES] INDEX name ON ns[.set] (bin) NUMERIC | STRING | BLOB | GEO2DSPHERE}
     * (aql's form); {@code collection} is DEFAULT, LIST, MAPKEYS or MAPVALUES, {@code type} the value type.
     */
    record CreateIndex(String name, String namespace, String set, String bin, String collection, String type)
            implements Statement {
    }

    /** {@code DROP INDEX ns[.set] name}. */
    record DropIndex(String namespace, String set, String name) implements Statement {
    }

    /** {@code TRUNCATE ns[.set]}: removes every record of the namespace or set. */
    record Truncate(String namespace, String set) implements Statement {
    }

    /** {@code SET OUTPUT TABLE | JSON}. */
    record SetOutput(OutputFormat format) implements Statement {
    }

    /** {@code HELP}. */
    record Help() implements Statement {
    }

    /** How results are printed. */
    enum OutputFormat { TABLE, JSON }

    /** Which records a SELECT reads. */
    sealed interface Where {
    }

    /** One record by its key. */
    record ByKey(KeyRef key) implements Where {
    }

    /** {@code WHERE bin = value}: a secondary-index query. */
    record BinEquals(String bin, Literal value) implements Where {
    }

    /** {@code WHERE bin BETWEEN from AND to}: a secondary-index range query (integers, both ends in). */
    record BinBetween(String bin, long from, long to) implements Where {
    }

    /**
     * {@code WHERE bin CONTAINS geojson} (records whose region holds the point) or {@code WITHIN geojson}
     * (records whose point or region lies in the region): a geo2dsphere index query.
     */
    record BinGeo(String bin, boolean within, String geoJson) implements Where {
    }

    /**
     * {@code IN LIST|MAPKEYS|MAPVALUES WHERE ...}: the condition on the elements of a list bin, or on the keys or
     * values of a map bin, through an index of that collection type.
     */
    record InCollection(String collection, Where condition) implements Where {
    }

    /** How a statement names one record. */
    sealed interface KeyRef {
    }

    /** {@code PK = 'ada'} or {@code PK = 7}: a user key, a string or an integer. */
    record UserKey(Literal key) implements KeyRef {
    }

    /** {@code DIGEST = '<40 hex digits>'} or {@code EDIGEST = '<base64>'}: the record's 20-byte digest. */
    record DigestKey(byte[] digest) implements KeyRef {
        public DigestKey {
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DigestKey d && java.util.Arrays.equals(digest, d.digest);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(digest);
        }

        @Override
        public String toString() {
            return "DigestKey[" + java.util.HexFormat.of().formatHex(digest) + "]";
        }
    }
}
