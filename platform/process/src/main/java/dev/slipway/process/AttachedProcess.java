package dev.slipway.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A process started by {@link ProcessRunner#attach} with its streams left to the caller, for a
 * command or shell that a person drives (SSH-3's exec interface): write to {@code stdin} (close it
 * for end of input), read {@code stdout} and {@code stderr} as raw bytes until they end. The caller
 * must read both output streams, or the process blocks once a pipe is full. There is no terminal:
 * a program that asks for one sees pipes.
 */
public record AttachedProcess(RunningProcess process, OutputStream stdin, InputStream stdout, InputStream stderr) {

    public AttachedProcess {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
