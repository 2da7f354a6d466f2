package dev.slipway.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A started process and everything it started: on Linux its own process group (the process was
 * started through {@code setsid}, so its pid is the group's id), plus, while it lives, its
 * descendants as the JDK sees them, which also catches a child that left the group. Elsewhere only
 * the descendants, which is all the JDK offers.
 *
 * <p>Public for one thing only: {@link #killGroup(long, Duration)}, which stops a group recorded by
 * an earlier run of the JVM (the process that started it is gone, so no {@link RunningProcess} is
 * left to cancel it).
 */
public final class ProcessTree {

    private static final Path PROC = Path.of("/proc");
    private static final Optional<String> SETSID = executable("/usr/bin/setsid", "/bin/setsid");
    private static final Optional<String> KILL = executable("/usr/bin/kill", "/bin/kill");
    private static final boolean PROC_READABLE = Files.isReadable(PROC.resolve("self/stat"));
    /** Groups need setsid to make one, kill to signal one and /proc to see who is left in one. */
    private static final boolean GROUPS = SETSID.isPresent() && KILL.isPresent() && PROC_READABLE;
    private static final Duration POLL = Duration.ofMillis(20);

    /** The process that was started, or the recorded group's leader while it still runs. */
    private final Optional<ProcessHandle> main;
    private final long groupId;
    private final boolean ownGroup;
    /** A group recorded by an earlier JVM: its members' children that left it are found through them. */
    private final boolean recorded;
    /**
     * Every process seen in the tree that may still run. A child that left the group is only found
     * through its parent, so once the parent is gone it is known only from here.
     */
    private final Map<Long, ProcessHandle> known = new LinkedHashMap<>();

    private ProcessTree(Optional<ProcessHandle> main, long groupId, boolean ownGroup, boolean recorded) {
        this.main = main;
        this.groupId = groupId;
        this.ownGroup = ownGroup;
        this.recorded = recorded;
    }

    /**
     * The wrapper that puts a command in a session and process group of its own, if this machine has
     * one. A child the JVM starts is never a group leader, so setsid execs the command in place
     * rather than forking: the pid the JVM sees is the command's and the group's.
     */
    static Optional<String> groupWrapper() {
        return GROUPS ? SETSID : Optional.empty();
    }

    /** The tree of {@code main}, started through {@link #groupWrapper()} when {@code ownGroup}. */
    static ProcessTree of(Process main, boolean ownGroup) {
        return new ProcessTree(Optional.of(main.toHandle()), main.pid(), ownGroup, false);
    }

    /**
     * Stops what is left of process group {@code groupId}, recorded by a run whose JVM is gone (a
     * crash or a restart during a deployment hook): TERM to the group and to every descendant of
     * its members (a child that started a session of its own), then KILL for what is left after
     * {@code grace}. Returns whether nothing is left; true at once when the group is empty.
     *
     * <p>A group id is a process id, and ids are reused: call this only for a group that was
     * recorded as running and whose run never reported its end. Without process groups (not Linux)
     * it stops the leader and its descendants, if the leader still runs.
     *
     * @throws IllegalArgumentException for 0, 1 or a negative id, and for this JVM's own group
     * @throws InterruptedException when interrupted while waiting; everything was signalled
     */
    public static boolean killGroup(long groupId, Duration grace) throws InterruptedException {
        if (groupId <= 1) {
            throw new IllegalArgumentException("not a process group one may kill: " + groupId);
        }
        long ownGroupId = Stat.of(ProcessHandle.current().pid()).map(Stat::group).orElse(-1L);
        if (groupId == ownGroupId || groupId == ProcessHandle.current().pid()) {
            throw new IllegalArgumentException("process group " + groupId + " is this JVM's own");
        }
        Optional<ProcessHandle> leader = ProcessHandle.of(groupId)
                .filter(handle -> !PROC_READABLE || Stat.of(handle.pid()).filter(stat -> stat.group() == groupId).isPresent());
        return new ProcessTree(leader, groupId, GROUPS, true).terminate(grace);
    }

    /** {@link #killGroup(long, Duration)} with the default kill grace. */
    public static boolean killGroup(long groupId) throws InterruptedException {
        return killGroup(groupId, ProcessSpec.DEFAULT_KILL_GRACE);
    }

    /**
     * Stops every process of the tree that still runs: TERM, then KILL for what is left after
     * {@code grace}. Returns whether nothing is left. Costs one look at /proc when nothing runs.
     */
    boolean terminate(Duration grace) throws InterruptedException {
        if (members().isEmpty()) {
            return true;
        }
        signal(false);
        if (awaitEmpty(grace)) {
            return true;
        }
        signal(true);
        // KILL cannot be refused, but a process in uninterruptible sleep dies only when it wakes.
        return awaitEmpty(grace);
    }

    /**
     * KILL to every process of the tree, without the courtesy of TERM, for a caller that must return
     * now; waits up to {@code timeout} for them to go unless interrupted again.
     */
    void kill(Duration timeout) {
        signal(true);
        try {
            awaitEmpty(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signal(boolean kill) {
        // Looked up before the group is signalled: once the main process died its descendants
        // can no longer be found through it.
        Collection<ProcessHandle> members = members();
        if (ownGroup && groupExists()) {
            // One kill(2) on the group reaches every member, including one forked a moment ago,
            // which a walk over the members cannot promise.
            signalGroup(kill ? "KILL" : "TERM");
        }
        for (ProcessHandle member : members) {
            // ProcessHandle, not Process.destroy(): the latter also closes our end of the pipes,
            // and the last lines written before the signal would be lost.
            if (kill) {
                member.destroyForcibly();
            } else {
                member.destroy();
            }
        }
    }

    /**
     * Whether our group still has a member. Only then is its id certainly still ours: an id that no
     * process holds any more may be handed to a new process, and its group is someone else's.
     */
    private boolean groupExists() {
        return main.filter(ProcessHandle::isAlive).isPresent() || groupMembers(groupId).findAny().isPresent();
    }

    /**
     * Sends {@code signal} (a name such as {@code INT}, without {@code SIG}) to the whole group, or
     * to the main process when it has no group of its own. Returns whether it was delivered.
     */
    boolean send(String signal) {
        requireSignalName(signal);
        if (ownGroup) {
            return groupExists() && signalGroup(signal);
        }
        ProcessHandle process = main.filter(ProcessHandle::isAlive).orElse(null);
        if (process == null) {
            return false;
        }
        // Without a group, only what the JDK can send.
        return signal.equals("KILL") ? process.destroyForcibly() : signal.equals("TERM") && process.destroy();
    }

    /** A name as kill(1) takes it, without {@code SIG}: never an option or a second argument. */
    static String requireSignalName(String signal) {
        if (signal == null || !signal.matches("[A-Z][A-Z0-9+-]{0,15}")) {
            throw new IllegalArgumentException("not a signal name: " + signal);
        }
        return signal;
    }

    private boolean signalGroup(String signal) {
        try {
            Process kill = new ProcessBuilder(KILL.orElseThrow(), "-s", signal, "--", "-" + groupId)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            // No kill to be had (out of processes, say): the walk over the members still signals.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!members().isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            // Processes that are not our children cannot be waited for, only looked at.
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /** The processes of the tree that still run, as far as they can be found now or were before. */
    private synchronized Collection<ProcessHandle> members() {
        main.filter(ProcessHandle::isAlive).ifPresent(handle -> {
            known.put(handle.pid(), handle);
            handle.descendants().forEach(descendant -> known.put(descendant.pid(), descendant));
        });
        if (ownGroup) {
            groupMembers(groupId).forEach(member -> {
                known.putIfAbsent(member.pid(), member);
                if (recorded) {
                    // The leader may be gone, and with it the only way to its descendants.
                    member.descendants().forEach(descendant -> known.putIfAbsent(descendant.pid(), descendant));
                }
            });
        }
        known.values().removeIf(member -> !running(member));
        return List.copyOf(known.values());
    }

    /** The running processes whose process group is {@code groupId}, from /proc. */
    static Stream<ProcessHandle> groupMembers(long groupId) {
        Stream.Builder<ProcessHandle> members = Stream.builder();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcessTree::isPidEntry)) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (Stat.of(pid).filter(stat -> stat.running() && stat.group() == groupId).isPresent()) {
                    ProcessHandle.of(pid).ifPresent(members::add);
                }
            }
        } catch (IOException e) {
            // /proc went away: nothing to be learnt from it
        }
        return members.build();
    }

    /**
     * Whether {@code process} still runs. The JDK counts a zombie as alive until its parent reaps
     * it, which for an orphan may take a while (or forever, under a PID 1 that does not reap); a
     * zombie runs nothing and no signal removes it, so here it counts as gone.
     */
    private static boolean running(ProcessHandle process) {
        // isAlive() also compares start times, so a reused pid is not taken for our process.
        return process.isAlive() && (!PROC_READABLE || Stat.of(process.pid()).filter(Stat::running).isPresent());
    }

    private static boolean isPidEntry(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** What we need of /proc/PID/stat: the state and the process group (fields 3 and 5). */
    private record Stat(String state, long group) {

        boolean running() {
            return !state.equals("Z") && !state.equals("X");
        }

        /** Empty when the process has ended, or ended while we looked. */
        static Optional<Stat> of(long pid) {
            try {
                String stat = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
                        StandardCharsets.ISO_8859_1);
                // The command name in parentheses may hold spaces and parentheses: count from the last ')'.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 4);
                return Optional.of(new Stat(fields[0], Long.parseLong(fields[2])));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> executable(String... candidates) {
        return Stream.of(candidates).filter(path -> new File(path).canExecute()).findFirst();
    }
}
