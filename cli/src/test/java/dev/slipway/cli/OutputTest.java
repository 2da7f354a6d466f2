package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The formats of a table, without a server. */
class OutputTest {

    private static Table sample() {
        return new Table(List.of("ID", "Title", "Status"))
                .add(List.of("master", "Master", "ACTIVE"), 0)
                .add(List.of("feature", "A title, with \"quotes\"", "ACTIVE"), 1)
                .add(List.of("deep", "tab\there\nand a newline", "INACTIVE"), 2);
    }

    private static String print(Table table, Format format, List<String> columns, boolean header, int terminalWidth) {
        StringWriter out = new StringWriter();
        Invocation invocation = Invocation.of(Map.of(), Path.of("."), new PrintWriter(out), new PrintWriter(new StringWriter()),
                new StringReader(""), Duration.ZERO);
        if (terminalWidth > 0) {
            invocation = invocation.onTerminal(terminalWidth);
        }
        new Output(format, columns, header, invocation).print(table);
        return out.toString();
    }

    @Test
    void withoutAFormatATerminalGetsATableAndAPipePlainLines() {
        assertThat(print(sample(), null, null, true, 80)).startsWith("+---");
        assertThat(print(sample(), null, null, true, 0)).startsWith("ID\tTitle\tStatus\nmaster\tMaster\tACTIVE\n");
    }

    @Test
    void aTableIndentsTheTreeAndFitsTheTerminal() {
        Golden.assertMatches("table-wide.txt", print(sample(), Format.TABLE, null, true, 80));
        String narrow = print(sample(), Format.TABLE, null, true, 36);
        Golden.assertMatches("table-narrow.txt", narrow);
        assertThat(narrow.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(36));
    }

    @Test
    void aTableAskedForWhenPipedIsNeverCut() {
        assertThat(print(sample(), Format.TABLE, null, true, 0)).contains("| A title, with \"quotes\" |");
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        assertThat(print(sample(), Format.CSV, null, true, 0)).isEqualTo("ID,Title,Status\nmaster,Master,ACTIVE\n"
                + "feature,\"A title, with \"\"quotes\"\"\",ACTIVE\ndeep,\"tab\there\nand a newline\",INACTIVE\n");
    }

    @Test
    void tsvEscapesTabsAndNewlines() {
        assertThat(print(sample(), Format.TSV, null, false, 0)).isEqualTo(
                "master\tMaster\tACTIVE\nfeature\tA title, with \"quotes\"\tACTIVE\ndeep\ttab\\there\\nand a newline\tINACTIVE\n");
    }

    @Test
    void plainLinesKeepOneRowPerLine() {
        assertThat(print(sample(), Format.PLAIN, null, true, 0).lines().toList()).containsExactly("ID\tTitle\tStatus", "master\tMaster\tACTIVE",
                "feature\tA title, with \"quotes\"\tACTIVE", "deep\ttab here and a newline\tINACTIVE");
    }

    @Test
    void columnsPickAndOrderCaseInsensitively() {
        assertThat(print(sample(), Format.CSV, List.of("status", "ID"), true, 0)).isEqualTo("Status,ID\nACTIVE,master\nACTIVE,feature\nINACTIVE,deep\n");
    }

    @Test
    void anUnknownColumnNamesTheKnownOnes() {
        assertThatThrownBy(() -> print(sample(), Format.CSV, List.of("size"), true, 0)).isInstanceOf(CliException.class)
                .hasMessage("Unknown column 'size'; the columns are: ID, Title, Status")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }
}
