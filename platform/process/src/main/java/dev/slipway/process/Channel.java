package dev.slipway.process;

/** Which of a process's output streams a line came from. */
public enum Channel {
    STDOUT,
    STDERR
}
