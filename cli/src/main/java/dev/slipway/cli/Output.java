package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Prints a {@link Table} or the API's JSON in the chosen {@link Format}. Without {@code --format}: a table on a
 * terminal, plain lines when stdout is piped. A table on a terminal fits its width: the widest columns give way
 * first, the first column (ids, the tree) last, and their cells wrap onto more lines; a table asked for when piped
 * keeps every cell on one line.
 */
public final class Output {

    private static final int NARROWEST = 6;

    private final Format format;
    private final List<String> columns;
    private final boolean header;
    private final PrintWriter out;
    private final int width;

    public Output(Format format, List<String> columns, boolean header, Invocation invocation) {
        this.format = format != null ? format : invocation.terminal() ? Format.TABLE : Format.PLAIN;
        this.columns = columns;
        this.header = header;
        this.out = invocation.out();
        this.width = invocation.terminal() && this.format == Format.TABLE ? invocation.columns() : 0;
    }

    public Format format() {
        return format;
    }

    /** Prints {@code json} when the format is JSON, otherwise the table. */
    public void print(Table table, JsonNode json) {
        if (format == Format.JSON) {
            json(json);
        } else {
            print(table);
        }
    }

    /** A list: the JSON format prints the items as an array. */
    public void print(Table table, List<JsonNode> items) {
        if (format == Format.JSON) {
            json(Json.array().addAll(items));
        } else {
            print(table);
        }
    }

    public void json(JsonNode json) {
        out.println(Json.write(json, true));
        out.flush();
    }

    public void print(Table table) {
        Table shown = columns == null || columns.isEmpty() ? table : table.select(columns);
        switch (format) {
            case TABLE -> table(shown);
            case CSV -> separated(shown, ",", Output::csv);
            case TSV -> separated(shown, "\t", Output::tsv);
            case PLAIN, JSON -> separated(shown, "\t", cell -> cell.replace('\n', ' ').replace('\t', ' '));
        }
        out.flush();
    }

    private void separated(Table table, String separator, UnaryOperator<String> escape) {
        if (header) {
            out.println(String.join(separator, table.headers().stream().map(escape).toList()));
        }
        for (List<String> row : table.rows()) {
            out.println(String.join(separator, row.stream().map(escape).toList()));
        }
    }

    private void table(Table table) {
        int count = table.headers().size();
        List<List<String>> rows = new ArrayList<>();
        for (int row = 0; row < table.rows().size(); row++) {
            List<String> cells = new ArrayList<>(table.rows().get(row));
            cells.replaceAll(cell -> cell.replace('\n', ' ').replace('\t', ' '));
            cells.set(0, "  ".repeat(table.depth(row)) + cells.get(0));
            rows.add(cells);
        }
        int[] widths = new int[count];
        for (int i = 0; i < count; i++) {
            widths[i] = header ? table.headers().get(i).length() : 1;
            for (List<String> cells : rows) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        int shown = shownColumns(widths);
        if (shown < count) {
            table = table.select(table.headers().subList(0, shown));
            rows.replaceAll(cells -> cells.subList(0, shown));
            widths = Arrays.copyOf(widths, shown);
        }
        fit(widths);
        String rule = rule(widths);
        out.println(rule);
        if (header) {
            out.println(line(table.headers(), widths));
            out.println(rule);
        }
        for (List<String> cells : rows) {
            out.println(line(cells, widths));
        }
        out.println(rule);
    }

    /**
     * How many columns, from the left, fit the terminal with every column but the first at most {@link #NARROWEST}
     * wide: a terminal too narrow for all of them shows the first ones (the columns are in order of importance;
     * {@code --columns} picks others).
     */
    private int shownColumns(int[] widths) {
        if (width <= 0) {
            return widths.length;
        }
        int shown = widths.length;
        while (shown > 1) {
            int least = 1 + widths[0];
            for (int i = 1; i < shown; i++) {
                least += Math.min(widths[i], NARROWEST) + 3;
            }
            if (least + 3 <= width) {
                break;
            }
            shown--;
        }
        return shown;
    }

    /**
     * Narrows the widest column by one until the table fits the terminal, none below {@link #NARROWEST}; the first
     * column (the id, the tree) gives way last.
     */
    private void fit(int[] widths) {
        if (width <= 0) {
            return;
        }
        while (Arrays.stream(widths).sum() + 3 * widths.length + 1 > width) {
            int widest = -1;
            for (int i = 1; i < widths.length; i++) {
                if (widths[i] > NARROWEST && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                if (widths[0] <= NARROWEST) {
                    return;
                }
                widest = 0;
            }
            widths[widest]--;
        }
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.toString();
    }

    /** One row, its cells wrapped onto as many lines as the longest needs; nothing is cut. */
    private static String line(List<String> cells, int[] widths) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < widths.length; i++) {
            List<String> pieces = wrap(cells.get(i), widths[i]);
            wrapped.add(pieces);
            height = Math.max(height, pieces.size());
        }
        StringBuilder lines = new StringBuilder();
        for (int row = 0; row < height; row++) {
            lines.append(row == 0 ? "|" : "\n|");
            for (int i = 0; i < widths.length; i++) {
                String piece = row < wrapped.get(i).size() ? wrapped.get(i).get(row) : "";
                lines.append(' ').append(piece).append(" ".repeat(widths[i] - piece.length())).append(" |");
            }
        }
        return lines.toString();
    }

    /** Pieces of at most {@code width} characters, broken after a space or '-' where one is near the end. */
    static List<String> wrap(String cell, int width) {
        List<String> pieces = new ArrayList<>();
        String indent = cell.substring(0, cell.length() - cell.stripLeading().length());
        if (cell.length() > width && indent.length() > width / 2) {
            indent = ""; // too narrow for the tree's indentation
        }
        String rest = indent + cell.stripLeading();
        while (rest.length() > width) {
            int cut = width;
            for (int at = width; at > width / 2; at--) {
                char before = rest.charAt(at - 1);
                if (before == ' ' || before == '-') {
                    cut = at;
                    break;
                }
            }
            pieces.add(rest.substring(0, cut).stripTrailing());
            String next = rest.substring(cut).stripLeading();
            rest = indent + next; // a tree's continuation lines keep its indentation
        }
        pieces.add(rest);
        return pieces;
    }

    static String csv(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    static String tsv(String cell) {
        return cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
