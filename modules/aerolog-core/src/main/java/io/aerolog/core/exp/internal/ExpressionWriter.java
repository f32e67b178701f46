package io.aerolog.core.exp.internal;

import io.aerolog.core.cdt.ElementReads;
import io.aerolog.core.index.CollectionType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the expressions {@link io.aerolog.core.exp.ExpressionBuilder} builds, with the opcodes, result types
 * and particle types the {@link Compiler} reads them by (and the list and map codes of {@link ElementReads}), so
 * that what is built and what is compiled cannot disagree. Packed as Aerospike's client packs them: integers in
 * their smallest msgpack form, values with their particle type first, names without. Each method answers one
 * packed expression; an expression argument is one packed expression, appended as it is.
 */
public final class ExpressionWriter {
    private ExpressionWriter() {
    }

    public static byte[] and(byte[] a, byte[] b) {
        return new Packer().array(3).integer(Compiler.AND).raw(a).raw(b).bytes();
    }

    public static byte[] eq(byte[] a, byte[] b) {
        return compare(Compiler.EQ, a, b);
    }

    public static byte[] gt(byte[] a, byte[] b) {
        return compare(Compiler.GT, a, b);
    }

    public static byte[] ge(byte[] a, byte[] b) {
        return compare(Compiler.GE, a, b);
    }

    public static byte[] le(byte[] a, byte[] b) {
        return compare(Compiler.LE, a, b);
    }

    public static byte[] intBin(String name) {
        return bin(ResultType.INT, name);
    }

    public static byte[] stringBin(String name) {
        return bin(ResultType.STR, name);
    }

    public static byte[] blobBin(String name) {
        return bin(ResultType.BLOB, name);
    }

    public static byte[] integer(long v) {
        return new Packer().integer(v).bytes();
    }

    public static byte[] string(byte[] utf8) {
        return new Packer().particle(Wire.PARTICLE_STRING, utf8).bytes();
    }

    public static byte[] blob(byte[] value) {
        return new Packer().particle(Wire.PARTICLE_BLOB, value).bytes();
    }

    /**
     * How many of the bin's elements of kind {@code of} equal {@code literal} (a packed integer, string or
     * blob), at {@code context} (packed, or null for the bin itself).
     */
    public static byte[] countEqual(CollectionType of, byte[] context, byte[] literal, String bin) {
        int code = switch (of) {
            case LIST -> ElementReads.LIST_ALL_BY_VALUE;
            case MAPKEYS -> ElementReads.MAP_BY_KEY;
            case MAPVALUES -> ElementReads.MAP_ALL_BY_VALUE;
            case DEFAULT -> throw notACollection();
        };
        Packer operation = new Packer().array(3).integer(code).integer(ElementReads.RETURN_COUNT).raw(literal);
        return count(of, context, operation.bytes(), bin);
    }

    /** How many of the bin's integer elements of kind {@code of} lie in {@code [begin, end]}, at {@code context}. */
    public static byte[] countBetween(CollectionType of, byte[] context, long begin, long end, String bin) {
        int code = switch (of) {
            case LIST -> ElementReads.LIST_BY_VALUE_INTERVAL;
            case MAPKEYS -> ElementReads.MAP_BY_KEY_INTERVAL;
            case MAPVALUES -> ElementReads.MAP_BY_VALUE_INTERVAL;
            case DEFAULT -> throw notACollection();
        };
        if (end == Long.MAX_VALUE) {
            // an interval without an end would take every string, list and map too (they sort after integers),
            // and one with an exclusive end cannot hold the last integer: count that one apart
            byte[] below = begin == Long.MAX_VALUE ? integer(0) : count(of, context, new Packer().array(4).integer(code)
                    .integer(ElementReads.RETURN_COUNT).integer(begin).integer(Long.MAX_VALUE).bytes(), bin);
            return new Packer().array(3).integer(Compiler.ADD).raw(below)
                    .raw(countEqual(of, context, integer(Long.MAX_VALUE), bin)).bytes();
        }
        byte[] operation = new Packer().array(4).integer(code).integer(ElementReads.RETURN_COUNT).integer(begin)
                .integer(end + 1).bytes();
        return count(of, context, operation, bin);
    }

    private static byte[] count(CollectionType of, byte[] context, byte[] operation, String bin) {
        Packer out = new Packer().array(5).integer(Compiler.CALL).integer(ResultType.INT.code())
                .integer(Calls.SYSTEM_CDT);
        boolean inMap = of != CollectionType.LIST;
        if (context != null && context.length > 0) {
            out.array(3).integer(ElementReads.CONTEXT_EVAL).raw(context);
            // the bin holds what the context's first level is in, whatever the collection at its end
            inMap = ElementReads.startsInMap(context);
        }
        out.raw(operation);
        return out.raw(bin(inMap ? ResultType.MAP : ResultType.LIST, bin)).bytes();
    }

    private static IllegalArgumentException notACollection() {
        return new IllegalArgumentException("a count of elements needs a list or a map, not the bin's value");
    }

    private static byte[] compare(int op, byte[] a, byte[] b) {
        return new Packer().array(3).integer(op).raw(a).raw(b).bytes();
    }

    private static byte[] bin(ResultType type, String name) {
        return new Packer().array(3).integer(Compiler.BIN).integer(type.code())
                .string(name.getBytes(StandardCharsets.UTF_8)).bytes();
    }

    /** The few msgpack forms an expression needs, as Aerospike's client packs them. */
    private static final class Packer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Packer array(int n) {
            out.write(0x90 | n);
            return this;
        }

        Packer integer(long v) {
            if (v >= 0) {
                if (v < 128) {
                    out.write((int) v);
                } else if (v < 256) {
                    fixed(0xcc, v, 1);
                } else if (v < 65536) {
                    fixed(0xcd, v, 2);
                } else if (v < 0x1_0000_0000L) {
                    fixed(0xce, v, 4);
                } else {
                    fixed(0xcf, v, 8);
                }
            } else if (v >= -32) {
                out.write((int) v & 0xff);
            } else if (v >= Byte.MIN_VALUE) {
                fixed(0xd0, v, 1);
            } else if (v >= Short.MIN_VALUE) {
                fixed(0xd1, v, 2);
            } else if (v >= Integer.MIN_VALUE) {
                fixed(0xd2, v, 4);
            } else {
                fixed(0xd3, v, 8);
            }
            return this;
        }

        Packer string(byte[] utf8) {
            header(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        /** A string or blob with Aerospike's particle type first, as values in expressions are packed. */
        Packer particle(int type, byte[] value) {
            header(value.length + 1);
            out.write(type);
            out.writeBytes(value);
            return this;
        }

        Packer raw(byte[] packed) {
            out.writeBytes(packed);
            return this;
        }

        private void fixed(int type, long v, int size) {
            out.write(type);
            for (int shift = (size - 1) * 8; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift));
            }
        }

        private void header(int n) {
            if (n < 32) {
                out.write(0xa0 | n);
            } else if (n < 256) {
                fixed(0xd9, n, 1);
            } else if (n < 65536) {
                fixed(0xda, n, 2);
            } else {
                fixed(0xdb, n, 4);
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
