package io.aerolog.bench.layers;

import java.util.ArrayList;
import java.util.List;

/** Rows of text cells as a GitHub Markdown table or as RFC 4180 CSV: pure functions. */
public final class Table {
    private Table() {
    }

    /**
     * A Markdown table, columns padded to equal width; the first {@code textColumns} left-aligned, the
     * rest (numbers) right-aligned. Pipes in cells are escaped.
     */
    public static String markdown(List<String> header, List<List<String>> rows, int textColumns) {
        int cols = header.size();
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        for (List<String> row : rows) {
            if (row.size() != cols) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells under " + cols + " columns: " + row);
            }
            all.add(row.stream().map(c -> c.replace("|", "\\|")).toList());
        }
        int[] width = new int[cols];
        for (List<String> row : all) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(Math.max(width[i], row.get(i).length()), 3);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            sb.append('|');
            for (int i = 0; i < cols; i++) {
                String cell = all.get(r).get(i);
                String pad = " ".repeat(width[i] - cell.length());
                sb.append(' ').append(i < textColumns ? cell + pad : pad + cell).append(" |");
            }
            sb.append('\n');
            if (r == 0) {
                sb.append('|');
                for (int i = 0; i < cols; i++) {
                    sb.append(i < textColumns ? " " + "-".repeat(width[i]) + " |" : " " + "-".repeat(width[i] - 1) + ": |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** CSV with a header line and CRLF line ends; a field is quoted only when it must be. */
    public static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(csvField(row.get(i)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static String csvField(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
