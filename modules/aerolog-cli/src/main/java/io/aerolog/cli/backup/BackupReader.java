package io.aerolog.cli.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads asbackup's text format 3.1 as asrestore's {@code dec_text.c} reads it, byte by byte (strings may
 * hold line feeds: their length says where they end): the header, then {@code * u} UDF modules,
 * {@code * i} indexes and {@code +} records with their {@code -} bins, the {@code + k} and {@code + s}
 * lines optional. Anything else is refused with its line number. Bounded: a token is at most
 * {@value #MAX_TOKEN} bytes, a value at most {@value #MAX_VALUE_BYTES}, a record at most
 * {@value #MAX_BINS} bins.
 */
final class BackupReader {
    static final int MAX_TOKEN = 1024;
    static final int MAX_VALUE_BYTES = 64 << 20;
    static final int MAX_BINS = 65_535;
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private final InputStream in;
    private long line = 1;
    private long entryLine;
    private long bytesRead;
    private String namespace;
    private int peeked = -2;

    /** Reads the header of {@code in} (buffered by the caller). */
    BackupReader(InputStream in) throws IOException, BackupFormatException {
        this.in = in;
        String version = readLine();
        if (version.equals(TextFormat.LEGACY_VERSION_LINE)) {
            throw new BackupFormatException(1, "a version 3.0 backup file (asbackup before 3.1): only 3.1 is read");
        }
        if (!version.equals(TextFormat.VERSION_LINE)) {
            throw new BackupFormatException(1, "expected '" + TextFormat.VERSION_LINE + "', found '" + shorten(version)
                    + "': is this a backup file in asbackup's text format?");
        }
        while (peek() == '#') {
            String meta = readLine();
            if (meta.startsWith("# namespace ")) {
                namespace = unescape(meta.substring("# namespace ".length()));
            } else if (!meta.equals("# first-file")) {
                throw new BackupFormatException(line - 1, "unknown meta data line '" + shorten(meta) + "'");
            }
        }
    }

    /** The namespace the header names, or null. */
    String namespace() {
        return namespace;
    }

    /** The line where the last entry returned starts. */
    long entryLine() {
        return entryLine;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** The next entry, or null at the end of the file. */
    BackupEntry next() throws IOException, BackupFormatException {
        entryLine = line;
        int c = read();
        if (c < 0) {
            return null;
        }
        if (c == '*') {
            expect(' ');
            int kind = read();
            expect(' ');
            return switch (kind) {
                case 'u' -> udf();
                case 'i' -> index();
                default -> throw error("unknown global line '* " + printable(kind) + "' (expected '* u' or '* i')");
            };
        }
        if (c == '+') {
            return record();
        }
        throw error("unexpected " + printable(c) + " at the start of a line (expected '+', '*' or the end of the file)");
    }

    private UdfFile udf() throws IOException, BackupFormatException {
        int type = read();
        if (type != 'L') {
            throw error("UDF type " + printable(type) + " (only L, Lua, exists)");
        }
        expect(' ');
        String name = token(" ");
        expect(' ');
        byte[] content = data();
        return new UdfFile(name, content);
    }

    private IndexDefinition index() throws IOException, BackupFormatException {
        String ns = token(" ");
        expect(' ');
        String set = token(" ");
        expect(' ');
        String name = token(" ");
        expect(' ');
        int collection = read();
        if ("NLKV".indexOf(collection) < 0) {
            throw error("index type " + printable(collection) + " (expected N, L, K or V)");
        }
        expect(' ');
        long paths = number(" ");
        if (paths != 1) {
            throw error("an index over " + paths + " paths (Aerospike's indexes have one)");
        }
        expect(' ');
        String bin = token(" ");
        expect(' ');
        int binType = read();
        if ("SNGB".indexOf(binType) < 0) {
            throw error("index path type " + printable(binType) + " (expected S, N, G or B)");
        }
        String context = null;
        if (peek() == ' ') {
            read();
            context = token("\n");
        }
        expect('\n');
        return new IndexDefinition(ns, set, name, (char) collection, bin, (char) binType, context);
    }

    private BackupRecord record() throws IOException, BackupFormatException {
        expect(' ');
        BackupRecord.UserKey key = null;
        int c = read();
        if (c == 'k') {
            expect(' ');
            key = key();
            meta('n');
        } else if (c != 'n') {
            throw error("expected '+ k' or '+ n', found '+ " + printable(c) + "'");
        } else {
            expect(' ');
        }
        String ns = token("\n");
        expect('\n');
        meta('d');
        String digest64 = token("\n");
        expect('\n');
        byte[] digest;
        try {
            digest = BASE64.decode(digest64);
        } catch (IllegalArgumentException e) {
            throw error("the digest '" + shorten(digest64) + "' is not base64");
        }
        if (digest.length != BackupRecord.DIGEST_SIZE) {
            throw error("a digest of " + digest.length + " bytes (20 expected)");
        }
        expect('+');
        expect(' ');
        String set = "";
        c = read();
        if (c == 's') {
            expect(' ');
            set = token("\n");
            expect('\n');
            meta('g');
        } else if (c != 'g') {
            throw error("expected '+ s' or '+ g', found '+ " + printable(c) + "'");
        } else {
            expect(' ');
        }
        long generation = number("\n");
        if (generation < 0 || generation > 0xFFFF) {
            throw error("generation " + generation + " (0-65535)");
        }
        expect('\n');
        meta('t');
        long voidTime = number("\n");
        if (voidTime < 0 || voidTime > 0xFFFF_FFFFL) {
            throw error("expiration time " + voidTime + " (0-4294967295)");
        }
        expect('\n');
        meta('b');
        long count = number("\n");
        if (count < 0 || count > MAX_BINS) {
            throw error("a record of " + count + " bins (0-" + MAX_BINS + ")");
        }
        expect('\n');
        List<BackupBin> bins = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            bins.add(bin());
        }
        return new BackupRecord(ns, set, digest, key, (int) generation, voidTime, bins);
    }

    private BackupRecord.UserKey key() throws IOException, BackupFormatException {
        int type = read();
        if (type == 'B' && peek() == '!') {
            read();
            expect(' ');
            return new BackupRecord.UserKey('B', data());
        }
        expect(' ');
        BackupRecord.UserKey key = switch (type) {
            case 'I' -> new BackupRecord.UserKey('I', number("\n"));
            case 'D' -> new BackupRecord.UserKey('D', decimal());
            case 'S' -> new BackupRecord.UserKey('S', new String(data(), StandardCharsets.UTF_8));
            case 'X' -> new BackupRecord.UserKey('S', new String(decoded(), StandardCharsets.UTF_8));
            case 'B' -> new BackupRecord.UserKey('B', decoded());
            default -> throw error("key type " + printable(type) + " (expected I, D, S, X or B)");
        };
        if (type == 'I' || type == 'D') {
            expect('\n');
        }
        return key;
    }

    private BackupBin bin() throws IOException, BackupFormatException {
        expect('-');
        expect(' ');
        int type = read();
        if ("NIDSXGZ".indexOf(type) < 0 && !BackupBin.isBytes((char) type)) {
            throw error("bin type " + printable(type) + " (expected one of N I D S X G Z B J C P R H E Y M L)");
        }
        boolean compact = peek() == '!';
        if (compact) {
            read();
        }
        expect(' ');
        String name = token(" \n");
        if (type == 'N') {
            expect('\n');
            return new BackupBin(name, 'N', null);
        }
        expect(' ');
        return switch (type) {
            case 'Z' -> {
                String v = token("\n");
                expect('\n');
                if (!v.equals("T") && !v.equals("F")) {
                    throw error("boolean '" + shorten(v) + "' (T or F)");
                }
                yield new BackupBin(name, 'Z', v.equals("T"));
            }
            case 'I' -> {
                long v = number("\n");
                expect('\n');
                yield new BackupBin(name, 'I', v);
            }
            case 'D' -> {
                double v = decimal();
                expect('\n');
                yield new BackupBin(name, 'D', v);
            }
            case 'S', 'G' -> new BackupBin(name, (char) type, new String(data(), StandardCharsets.UTF_8));
            case 'X' -> new BackupBin(name, 'S', new String(decoded(), StandardCharsets.UTF_8));
            default -> new BackupBin(name, (char) type, compact ? data() : decoded());
        };
    }

    /** {@code + c } of the next meta line. */
    private void meta(char c) throws IOException, BackupFormatException {
        expect('+');
        expect(' ');
        int found = read();
        if (found != c) {
            throw error("expected '+ " + c + "', found '+ " + printable(found) + "'");
        }
        expect(' ');
    }

    /** {@code size bytes\n}: the size, a space, that many bytes and a line feed. */
    private byte[] data() throws IOException, BackupFormatException {
        long size = number(" ");
        if (size < 0 || size > MAX_VALUE_BYTES) {
            throw error("a value of " + size + " bytes (at most " + MAX_VALUE_BYTES + ")");
        }
        expect(' ');
        byte[] b = in.readNBytes((int) size);
        bytesRead += b.length;
        if (b.length < size) {
            throw error("the file ends inside a value of " + size + " bytes");
        }
        for (byte x : b) {
            if (x == '\n') {
                line++;
            }
        }
        expect('\n');
        return b;
    }

    private byte[] decoded() throws IOException, BackupFormatException {
        byte[] encoded = data();
        try {
            return BASE64.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw error("a base64 value that does not decode: " + e.getMessage());
        }
    }

    private long number(String stops) throws IOException, BackupFormatException {
        String t = token(stops);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw error("expected an integer, found '" + shorten(t) + "'");
        }
    }

    private double decimal() throws IOException, BackupFormatException {
        String t = token("\n");
        String s = t.toLowerCase(java.util.Locale.ROOT);
        String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        double sign = s.startsWith("-") ? -1 : 1;
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        try {
            if (!unsigned.isEmpty() && (Character.isDigit(unsigned.charAt(0)) || unsigned.charAt(0) == '.')) {
                return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("expected a floating-point number, found '" + shorten(t) + "'");
    }

    /** Bytes up to one of {@code stops} (not consumed), backslash escapes undone. */
    private String token(String stops) throws IOException, BackupFormatException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean escaped = false;
        while (true) {
            int c = peek();
            if (c < 0) {
                throw error("the file ends inside a line");
            }
            if (!escaped && stops.indexOf(c) >= 0) {
                break;
            }
            read();
            if (!escaped && c == '\\') {
                escaped = true;
                continue;
            }
            escaped = false;
            if (b.size() >= MAX_TOKEN) {
                throw error("a token longer than " + MAX_TOKEN + " bytes");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!escaped && c == '\\') {
                escaped = true;
                continue;
            }
            escaped = false;
            out.append(c);
        }
        return out.toString();
    }

    private String readLine() throws IOException, BackupFormatException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = read();
            if (c < 0) {
                throw error(b.size() == 0 ? "the file is empty" : "the file ends inside a line");
            }
            if (c == '\n') {
                return b.toString(StandardCharsets.UTF_8);
            }
            if (b.size() >= MAX_TOKEN) {
                throw error("a line longer than " + MAX_TOKEN + " bytes");
            }
            b.write(c);
        }
    }

    private void expect(char c) throws IOException, BackupFormatException {
        int found = read();
        if (found != c) {
            throw error("expected " + printable(c) + ", found " + printable(found));
        }
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        int c = peek();
        peeked = -2;
        if (c >= 0) {
            bytesRead++;
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private BackupFormatException error(String message) {
        return new BackupFormatException(line, message);
    }

    private static String printable(int c) {
        if (c < 0) {
            return "the end of the file";
        }
        if (c == '\n') {
            return "a line feed";
        }
        if (c == ' ') {
            return "a space";
        }
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
