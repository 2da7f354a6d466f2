package dev.slipway.process;

import java.util.Objects;

/** One line a process wrote, without its line break, and the stream it wrote it to. */
public record OutputLine(Channel channel, String text) {

    public OutputLine {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
    }
}
