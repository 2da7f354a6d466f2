package dev.slipway.deployment.processes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What is left of a process or a process group, read from {@code /proc} as {@code pgrep -g} does,
 * except that a zombie counts as gone: a hook orphaned by a SIGKILLed service is reaped by whoever
 * adopted it, not by the test, and a zombie runs nothing.
 */
final class ProcessGroups {

    private static final Path PROC = Path.of("/proc");

    private ProcessGroups() {
    }

    /** Pids of the processes of group {@code group} that still run. */
    static List<Long> liveMembers(long group) {
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> stat(pid).filter(stat -> stat.group() == group && stat.running()).isPresent())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + PROC, e);
        }
    }

    static boolean isRunning(long pid) {
        return stat(pid).filter(Stat::running).isPresent();
    }

    /** KILL to the whole group, for the end of a test; nothing happens when it is empty. */
    static void kill(long group) {
        if (group <= 1 || liveMembers(group).isEmpty()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + group).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Stat(char state, long group) {
        boolean running() {
            return state != 'Z' && state != 'X';
        }
    }

    /** {@code /proc/<pid>/stat}: "pid (comm) state ppid pgrp ...", comm may hold spaces and parentheses. */
    private static Optional<Stat> stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[2])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile
        }
    }
}
