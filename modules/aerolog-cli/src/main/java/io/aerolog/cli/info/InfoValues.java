package io.aerolog.cli.info;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shapes Aerospike's info values come in: a list of records ({@code sets}, {@code sindex-list}:
 * records split by {@code ;}, fields {@code name=value} split by {@code :}) and one record of pairs
 * ({@code namespace/<ns>}, {@code statistics}: {@code name=value} split by {@code ;}).
 */
public final class InfoValues {
    private InfoValues() {
    }

    /** {@code a=1:b=2;a=3:b=4} as two records, fields in order; a field without '=' has an empty value. */
    public static List<Map<String, String>> records(String value) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String record : value.split(";")) {
            if (record.isBlank()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : record.split(":")) {
                int eq = field.indexOf('=');
                fields.put(eq < 0 ? field : field.substring(0, eq), eq < 0 ? "" : field.substring(eq + 1));
            }
            out.add(fields);
        }
        return out;
    }

    /** {@code a=1;b=2} as a map in order. */
    public static Map<String, String> pairs(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : value.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return out;
    }

    /** True when an info value is Aerospike's error answer ({@code ERROR:code:message} or {@code FAIL...}). */
    public static boolean isError(String value) {
        return value != null && (value.startsWith("ERROR") || value.startsWith("FAIL"));
    }
}
