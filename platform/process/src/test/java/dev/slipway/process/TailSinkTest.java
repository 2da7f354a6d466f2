package dev.slipway.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TailSinkTest {

    @Test
    void keepsOnlyTheLastLinesAndCountsTheRest() {
        TailSink tail = new TailSink(3);

        for (int i = 1; i <= 10; i++) {
            tail.line(i % 2 == 0 ? Channel.STDERR : Channel.STDOUT, "line " + i);
        }

        assertThat(tail.lines()).containsExactly(
                new OutputLine(Channel.STDERR, "line 8"),
                new OutputLine(Channel.STDOUT, "line 9"),
                new OutputLine(Channel.STDERR, "line 10"));
        assertThat(tail.linesSeen()).isEqualTo(10);
        assertThat(tail.linesDropped()).isEqualTo(7);
    }

    @Test
    void textSaysHowManyEarlierLinesWereLeftOut() {
        TailSink tail = new TailSink(2);
        tail.line(Channel.STDOUT, "a");
        assertThat(tail.text()).isEqualTo("a\n");

        tail.line(Channel.STDERR, "b");
        tail.line(Channel.STDOUT, "c");

        assertThat(tail.text()).isEqualTo("[1 earlier lines left out]\nb\nc\n");
    }
}
