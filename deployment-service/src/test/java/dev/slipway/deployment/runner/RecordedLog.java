package dev.slipway.deployment.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A deployment log kept in memory. */
final class RecordedLog implements HookOutput {

    private final List<LogLine> lines = new ArrayList<>();

    @Override
    public synchronized void line(LogLine line) {
        lines.add(line);
    }

    synchronized List<LogLine> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> texts(Predicate<LogLine> which) {
        return lines.stream().filter(which).map(LogLine::text).toList();
    }

    List<String> hookLines(Phase phase, int node) {
        return texts(line -> line.phase() == phase && line.node() == node && line.stream() != LogStream.RUNNER);
    }
}
