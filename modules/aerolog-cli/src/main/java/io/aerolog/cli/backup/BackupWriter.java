package io.aerolog.cli.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes asbackup's text format 3.1, as asbackup's {@code enc_text.c} writes it: the header
 * ({@code Version 3.1}, {@code # namespace}, {@code # first-file}), UDF modules ({@code * u}), secondary
 * indexes ({@code * i}), then each record as {@code + k/n/d/s/g/t/b} lines and a {@code -} line per bin.
 * Strings and GeoJSON are written as their UTF-8 bytes after their length; blobs, lists, maps and
 * HyperLogLogs in base64 after the base64's length. Counts the bytes written (for progress and resume).
 */
final class BackupWriter {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private final OutputStream out;
    private long bytes;

    /** Writes to {@code out} (buffered by the caller), counting from {@code startBytes}. */
    BackupWriter(OutputStream out, long startBytes) {
        this.out = out;
        this.bytes = startBytes;
    }

    long bytes() {
        return bytes;
    }

    void header(String namespace, boolean firstFile) throws IOException {
        text(TextFormat.VERSION_LINE + "\n# namespace " + TextFormat.escape(namespace) + "\n");
        if (firstFile) {
            text("# first-file\n");
        }
    }

    void udf(UdfFile udf) throws IOException {
        text("* u L " + TextFormat.escape(udf.name()) + " " + udf.content().length + " ");
        raw(udf.content());
        text("\n");
    }

    void index(IndexDefinition index) throws IOException {
        StringBuilder line = new StringBuilder("* i ").append(TextFormat.escape(index.namespace())).append(' ')
                .append(TextFormat.escape(index.set())).append(' ').append(TextFormat.escape(index.name()))
                .append(' ').append(index.collection()).append(" 1 ").append(TextFormat.escape(index.bin()))
                .append(' ').append(index.binType());
        if (index.context() != null) {
            line.append(' ').append(TextFormat.escape(index.context()));
        }
        text(line.append('\n').toString());
    }

    void record(BackupRecord r) throws IOException {
        BackupRecord.UserKey key = r.key();
        if (key != null) {
            switch (key.type()) {
                case 'I' -> text("+ k I " + key.value() + "\n");
                case 'D' -> text("+ k D " + TextFormat.formatDouble((Double) key.value()) + "\n");
                case 'S' -> data("+ k S", ((String) key.value()).getBytes(StandardCharsets.UTF_8));
                case 'B' -> encoded("+ k B", (byte[]) key.value());
                default -> throw new IllegalArgumentException("key type " + key.type());
            }
        }
        StringBuilder meta = new StringBuilder(96).append("+ n ").append(TextFormat.escape(r.namespace()))
                .append("\n+ d ").append(BASE64.encodeToString(r.digest())).append('\n');
        if (!r.set().isEmpty()) {
            meta.append("+ s ").append(TextFormat.escape(r.set())).append('\n');
        }
        meta.append("+ g ").append(r.generation()).append("\n+ t ").append(r.voidTime()).append("\n+ b ")
                .append(r.bins().size()).append('\n');
        text(meta.toString());
        for (BackupBin bin : r.bins()) {
            bin(bin);
        }
    }

    private void bin(BackupBin bin) throws IOException {
        String prefix = "- " + bin.type() + " " + TextFormat.escape(bin.name());
        switch (bin.type()) {
            case 'N' -> text(prefix + "\n");
            case 'Z' -> text(prefix + ((Boolean) bin.value() ? " T\n" : " F\n"));
            case 'I' -> text(prefix + " " + bin.value() + "\n");
            case 'D' -> text(prefix + " " + TextFormat.formatDouble((Double) bin.value()) + "\n");
            case 'S', 'G' -> data(prefix, ((String) bin.value()).getBytes(StandardCharsets.UTF_8));
            default -> {
                if (!BackupBin.isBytes(bin.type())) {
                    throw new IllegalArgumentException("bin type " + bin.type());
                }
                encoded(prefix, (byte[]) bin.value());
            }
        }
    }

    private void data(String prefix, byte[] value) throws IOException {
        text(prefix + " " + value.length + " ");
        raw(value);
        text("\n");
    }

    private void encoded(String prefix, byte[] value) throws IOException {
        data(prefix, BASE64.encode(value));
    }

    private void text(String s) throws IOException {
        raw(s.getBytes(StandardCharsets.UTF_8));
    }

    private void raw(byte[] b) throws IOException {
        out.write(b);
        bytes += b.length;
    }
}
