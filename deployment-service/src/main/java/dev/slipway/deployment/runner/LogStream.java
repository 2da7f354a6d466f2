package dev.slipway.deployment.runner;

/** Where a log line came from: a hook's stdout or stderr, or the runner itself. */
public enum LogStream {
    STDOUT,
    STDERR,
    /** A line the runner writes about its own work ("build already exists for tree ..."). */
    RUNNER
}
