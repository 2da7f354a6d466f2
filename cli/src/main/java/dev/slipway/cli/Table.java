package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rows of cells under named columns, what every list and info command prints. {@link Output} renders it in the
 * chosen format; the JSON format prints the API's own view instead. A column's name is what {@code --columns}
 * selects (case-insensitive).
 */
public final class Table {

    /** A column: its header and how a cell is read from one item of the API. */
    public record Column(String name, Function<JsonNode, String> value) {

        /** A column of one field of the item, or of a nested one ({@code "latestDeployment", "state"}). */
        public static Column field(String name, String... path) {
            return new Column(name, item -> Json.cell(item, path));
        }

        /** A column of a commit field, shortened as git shows it. */
        public static Column commit(String name, String field) {
            return new Column(name, item -> Json.shortCommit(Json.text(item, field)));
        }
    }

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    /** Per row, how deep in a tree it sits (indents the first column in a table). */
    private final List<Integer> depths = new ArrayList<>();

    public Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    /** A table of {@code items}, one row each. */
    public static Table of(List<Column> columns, List<JsonNode> items) {
        Table table = new Table(columns.stream().map(Column::name).toList());
        for (JsonNode item : items) {
            table.add(columns.stream().map(column -> nullToEmpty(column.value().apply(item))).toList());
        }
        return table;
    }

    /** Two columns, Property and Value: an info command's view of one resource. */
    public static Table properties() {
        return new Table(List.of("Property", "Value"));
    }

    public Table add(List<String> cells) {
        return add(cells, 0);
    }

    public Table add(List<String> cells, int depth) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        depths.add(depth);
        return this;
    }

    public Table property(String name, String value) {
        return add(List.of(name, nullToEmpty(value)));
    }

    public List<String> headers() {
        return headers;
    }

    public List<List<String>> rows() {
        return rows;
    }

    public int depth(int row) {
        return depths.get(row);
    }

    /** Only the named columns, in that order ({@code --columns}); an unknown name is a usage error listing the known ones. */
    public Table select(List<String> names) {
        List<Integer> picked = new ArrayList<>();
        for (String name : names) {
            int index = -1;
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).equalsIgnoreCase(name.trim())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw CliException.usage("Unknown column '" + name.trim() + "'; the columns are: " + String.join(", ", headers));
            }
            picked.add(index);
        }
        Table selected = new Table(picked.stream().map(headers::get).toList());
        for (int row = 0; row < rows.size(); row++) {
            List<String> cells = rows.get(row);
            // The tree's indentation belongs to the first column; it stays only while that column stays first.
            selected.add(picked.stream().map(cells::get).toList(), picked.get(0) == 0 ? depths.get(row) : 0);
        }
        return selected;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
