package io.aerolog.bench.layers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a multi-step run, one {@code name=value} line each, appended by each step (separate
 * processes started by a script) and read back by the report. A name given twice keeps its last value.
 */
final class Results {
    private Results() {
    }

    static void append(Path file, Map<String, ?> figures) throws IOException {
        StringBuilder sb = new StringBuilder();
        figures.forEach((name, value) -> {
            if (!name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("a figure's name is lower case, digits and '_': " + name);
            }
            sb.append(name).append('=').append(format(value)).append('\n');
        });
        Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
        }
        return String.valueOf(value).replace('\n', ' ');
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return out;
    }

    static Map<String, String> read(Path file) throws IOException {
        return Files.exists(file) ? parse(Files.readString(file)) : Map.of();
    }
}
