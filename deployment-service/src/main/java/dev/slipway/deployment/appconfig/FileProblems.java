package dev.slipway.deployment.appconfig;

import java.util.List;

/** Collects the problems of one file into a shared list, so validation reports all of them, not the first. */
final class FileProblems {

    private final String file;
    private final List<ConfigProblem> sink;

    FileProblems(String file, List<ConfigProblem> sink) {
        this.file = file;
        this.sink = sink;
    }

    String file() {
        return file;
    }

    void add(int line, String reason) {
        sink.add(new ConfigProblem(file, line, reason));
    }

    int count() {
        return sink.size();
    }
}
