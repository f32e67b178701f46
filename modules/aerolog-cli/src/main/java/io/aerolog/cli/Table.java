package io.aerolog.cli;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import java.util.List;

/** A table as aql draws one: a header, rows, ASCII borders; cells left-aligned unless a column says otherwise. */
public final class Table {
    private Table() {
    }

    public static String render(List<String> headers, List<List<String>> rows) {
        return render(headers, rows, new boolean[headers.size()]);
    }

    /** {@code rightAligned[i]}: column i holds numbers and is aligned right. */
    public static String render(List<String> headers, List<List<String>> rows, boolean[] rightAligned) {
        Column[] columns = new Column[headers.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new Column().header(headers.get(i)).headerAlign(HorizontalAlign.LEFT)
                    .dataAlign(rightAligned[i] ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT);
        }
        Object[][] data = new Object[rows.size()][];
        for (int r = 0; r < data.length; r++) {
            List<String> row = rows.get(r);
            data[r] = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                data[r][c] = c < row.size() && row.get(c) != null ? row.get(c) : "";
            }
        }
        return AsciiTable.getTable(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS, columns, data);
    }
}
