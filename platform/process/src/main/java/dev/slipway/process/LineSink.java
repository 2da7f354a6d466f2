package dev.slipway.process;

import java.util.Objects;

/**
 * Receives a process's output line by line, as it arrives. {@link ProcessRunner} calls a sink from
 * one thread at a time and in the order the lines were read, so an implementation needs no locking
 * of its own; it should be quick, since a slow sink slows the process down once its pipe is full.
 */
@FunctionalInterface
public interface LineSink {

    /** One line, without its line break; a line longer than the runner's bound arrives in pieces. */
    void line(Channel channel, String text);

    /** A sink that gives each line to this sink, then to {@code next}. */
    default LineSink andThen(LineSink next) {
        Objects.requireNonNull(next, "next");
        return (channel, text) -> {
            line(channel, text);
            next.line(channel, text);
        };
    }

    /** A sink that drops everything, for commands whose output nobody reads. */
    static LineSink discard() {
        return (channel, text) -> {
        };
    }
}
