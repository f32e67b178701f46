package io.aerolog.cli.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aerolog.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A statement's result set: columns in order and rows of values by column; printed as aql prints
 * one (a table and "N rows in set") or as a JSON array of objects, one per row.
 *
 * @param binValues true when the values are bin values (strings are quoted in a table), false for
 *                  info answers (printed as they are)
 */
record Rows(List<String> columns, List<Map<String, Object>> rows, boolean binValues) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    String table(double seconds, String note) {
        StringBuilder out = new StringBuilder();
        if (!rows.isEmpty()) {
            List<List<String>> cells = new ArrayList<>(rows.size());
            boolean[] numeric = new boolean[columns.size()];
            java.util.Arrays.fill(numeric, binValues);
            for (Map<String, Object> row : rows) {
                List<String> line = new ArrayList<>(columns.size());
                for (int c = 0; c < columns.size(); c++) {
                    String col = columns.get(c);
                    Object v = row.get(col);
                    if (!row.containsKey(col)) {
                        line.add("");
                    } else if (binValues) {
                        line.add(Values.cell(v));
                        numeric[c] &= Values.isNumber(v);
                    } else {
                        line.add(String.valueOf(v));
                    }
                }
                cells.add(line);
            }
            out.append(Table.render(columns, cells, numeric)).append(System.lineSeparator());
        }
        out.append(rows.size() == 1 ? "1 row in set" : rows.size() + " rows in set")
                .append(String.format(java.util.Locale.ROOT, " (%.3f secs)", seconds));
        if (note != null) {
            out.append(System.lineSeparator()).append(note);
        }
        return out.toString();
    }

    String json() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Map<String, Object> row : rows) {
            ObjectNode o = array.addObject();
            for (String col : columns) {
                if (row.containsKey(col)) {
                    Object v = row.get(col);
                    o.set(col, binValues ? Values.json(v) : JsonNodeFactory.instance.textNode(String.valueOf(v)));
                }
            }
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
