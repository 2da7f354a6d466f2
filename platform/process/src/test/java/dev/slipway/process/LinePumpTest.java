package dev.slipway.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinePumpTest {

    @Test
    void linesArriveWithoutTheirBreaksAndTheLastOneEvenWithoutABreak() {
        assertThat(pump("one\ntwo\r\n\nthree", 16)).containsExactly("one", "two", "", "three");
    }

    @Test
    void lineLongerThanTheBoundArrivesInPiecesOfTheBound() {
        String line = "x".repeat(100);

        List<String> pieces = pump(line + "\nnext\n", 16);

        assertThat(pieces).hasSize(8).allMatch(piece -> piece.length() <= 16);
        assertThat(String.join("", pieces.subList(0, 7))).isEqualTo(line);
        assertThat(pieces.get(7)).isEqualTo("next");
    }

    @Test
    void piecesAreCutBetweenCharactersNeverInsideOne() {
        // Two-, three- and four-byte characters against a bound that fits none of them evenly.
        String line = "é€😀".repeat(40);

        List<String> pieces = pump(line, 17);

        assertThat(pieces).noneMatch(piece -> piece.contains("\uFFFD"));
        assertThat(pieces).allMatch(piece -> piece.getBytes(StandardCharsets.UTF_8).length <= 17);
        assertThat(String.join("", pieces)).isEqualTo(line);
    }

    @Test
    void malformedBytesAreReplacedAndDoNotStallThePump() {
        byte[] bytes = new byte[40];
        Arrays.fill(bytes, (byte) 0x80); // continuation bytes with no lead byte

        List<String> pieces = pump(bytes, 16);

        assertThat(pieces).hasSize(3);
        assertThat(String.join("", pieces)).isEqualTo("\uFFFD".repeat(40));
    }

    private static List<String> pump(String text, int maxLineBytes) {
        return pump(text.getBytes(StandardCharsets.UTF_8), maxLineBytes);
    }

    private static List<String> pump(byte[] bytes, int maxLineBytes) {
        TailSink sink = new TailSink(1000);
        new LinePump(new ByteArrayInputStream(bytes), Channel.STDOUT, sink, maxLineBytes).run();
        return sink.lines().stream().map(OutputLine::text).toList();
    }
}
