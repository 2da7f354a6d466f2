package dev.slipway.process;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Keeps the last lines of a process's output, for an error message or a log excerpt. Memory stays
 * bounded however much a process writes: at most {@code capacity} lines, each at most the runner's
 * line bound. Safe to read from another thread while a run is feeding it.
 */
public final class TailSink implements LineSink {

    private final int capacity;
    private final ArrayDeque<OutputLine> lines;
    private long seen;

    public TailSink(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    public synchronized void line(Channel channel, String text) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(new OutputLine(channel, text));
        seen++;
    }

    /** The lines kept, oldest first. */
    public synchronized List<OutputLine> lines() {
        return List.copyOf(lines);
    }

    /** How many lines arrived in all, kept or not. */
    public synchronized long linesSeen() {
        return seen;
    }

    /** How many of the earliest lines were let go to stay within the capacity. */
    public synchronized long linesDropped() {
        return seen - lines.size();
    }

    /**
     * The kept lines of both streams as one text, a line break after each, preceded by a note on
     * how many earlier lines were let go, if any: what a terminal would have shown last.
     */
    public synchronized String text() {
        StringBuilder text = new StringBuilder();
        long dropped = linesDropped();
        if (dropped > 0) {
            text.append("[").append(dropped).append(" earlier lines left out]\n");
        }
        for (OutputLine line : lines) {
            text.append(line.text()).append('\n');
        }
        return text.toString();
    }
}
