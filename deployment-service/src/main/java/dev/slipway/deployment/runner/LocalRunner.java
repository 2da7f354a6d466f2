package dev.slipway.deployment.runner;

import dev.slipway.process.AttachedProcess;
import dev.slipway.process.Channel;
import dev.slipway.process.LineSink;
import dev.slipway.process.ProcessResult;
import dev.slipway.process.ProcessRunner;
import dev.slipway.process.ProcessSpec;
import dev.slipway.process.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The {@code local} runner (DEP-10): releases in folders on this machine's disk, a {@code current}
 * link per node switched atomically, hooks run by bash in a clean environment. The layout under the
 * root ({@code slipway.runner.root}, default {@code .slipway/releases}):
 *
 * <pre>
 * &lt;root&gt;/&lt;project&gt;/&lt;env&gt;/releases/&lt;releaseId&gt;/   a release: the commit's tree, built, mounts linked
 * &lt;root&gt;/&lt;project&gt;/&lt;env&gt;/release-history          release ids, oldest first, for pruning
 * &lt;root&gt;/&lt;project&gt;/&lt;env&gt;/nodes/&lt;n&gt;/current       link to ../../releases/&lt;releaseId&gt;
 * &lt;root&gt;/&lt;project&gt;/&lt;env&gt;/data/                    the mounts' data, kept across releases (DEP-7)
 * &lt;root&gt;/&lt;project&gt;/_builds/&lt;buildKey&gt;/             build outputs, reused by key (DEP-4)
 * </pre>
 *
 * Builds sit in {@code _builds}, which no environment id can be (ENV-2 ids are {@code [a-z0-9-]}),
 * so an environment named {@code builds} cannot meet them. Names starting with {@code .} are work
 * in progress (a release being extracted, a folder being deleted) and are never taken for releases.
 *
 * <p>Hooks run as {@code bash -e <script>}, the script written into the folder the hook runs in
 * ({@value #SCRIPTS} , removed afterwards), never as {@code -c <script>}, which {@code ps} would show.
 * A hook's process starts gated: it waits for a gate file until the process group has been handed
 * to {@link HookContext#started()} (which records it, DEP-3), so a hook never runs unrecorded, and
 * one whose recording never came (the service died) gives up after {@value #GATE_SECONDS} s without running.
 * ({@code bash} and {@code sleep} are found once, on our PATH.)
 * Their environment holds only {@code PATH}, {@code HOME} (the folder the hook runs in) and
 * {@code LANG=C.UTF-8}, which the given variables may override, then the variables, then
 * {@code SLIPWAY_PROJECT}, {@code SLIPWAY_ENVIRONMENT}, {@code SLIPWAY_BRANCH},
 * {@code SLIPWAY_TREE_ID}, {@code SLIPWAY_APP_DIR} and {@code SLIPWAY_NODE} (not for a build, which
 * runs on no node), which nothing overrides. Plain Java, no CDI: the service wraps it in a bean.
 */
public final class LocalRunner implements Runner {

    /** Where hook scripts are written, inside the folder the hook runs in. */
    static final String SCRIPTS = ".slipway-runner";
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Path root;
    private final ProcessRunner processes;
    private final String path;
    private final Duration killGrace;
    private final Clock clock;
    private final String bash;
    private final String sleep;
    /** How long a started hook waits for its gate before it gives up without running. */
    static final int GATE_SECONDS = 60;
    /** Waits for the gate file ($0), then runs the script ($1) with bash -e. */
    private static final String GATED = "deadline=$((SECONDS + " + GATE_SECONDS + ")); "
            + "while [ ! -e \"$0\" ]; do [ \"$SECONDS\" -ge \"$deadline\" ] && exit 125; \"$3\" 0.005; done; exec \"$2\" -e \"$1\"";

    /** A runner with the default PATH, kill grace (5 s) and clock. */
    public LocalRunner(Path root) {
        this(root, new ProcessRunner(), DEFAULT_PATH, ProcessSpec.DEFAULT_KILL_GRACE, Clock.systemUTC());
    }

    /**
     * @param path the {@code PATH} hooks and sessions get unless their variables set one
     * @param killGrace how long a hook that must stop gets between TERM and KILL
     */
    public LocalRunner(Path root, ProcessRunner processes, String path, Duration killGrace, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.processes = Objects.requireNonNull(processes, "processes");
        this.path = Objects.requireNonNull(path, "path");
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Found once, on our PATH: a hook's variables may set a PATH without bash on it.
        this.bash = onPath(path, "bash");
        this.sleep = onPath(path, "sleep");
    }

    public Path root() {
        return root;
    }

    // ---- releases

    @Override
    public Release prepareRelease(EnvironmentRef environment, String releaseId, InputStream tar) throws IOException {
        Names.requireSafe(releaseId, "release id");
        Path releases = Files.createDirectories(releases(environment));
        Path directory = releases.resolve(releaseId);
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(directory.toString(), null, "release " + releaseId + " of " + environment + " exists");
        }
        // Extracted aside and renamed into place: a release is there whole or not at all.
        Path partial = Files.createDirectory(releases.resolve("." + releaseId + ".partial-" + UUID.randomUUID()));
        try {
            TarExtractor.extract(tar, partial);
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(partial);
            throw e;
        }
        Files.writeString(history(environment), releaseId + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new Release(environment, releaseId, directory);
    }

    @Override
    public Optional<Release> release(EnvironmentRef environment, String releaseId) {
        Names.requireSafe(releaseId, "release id");
        Path directory = releases(environment).resolve(releaseId);
        return Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(new Release(environment, releaseId, directory))
                : Optional.empty();
    }

    @Override
    public BuildResult build(Release release, String buildKey, Hook hook, HookContext context)
            throws IOException, InterruptedException {
        Names.requireSafe(buildKey, "build key");
        Path builds = Files.createDirectories(root.resolve(release.environment().project()).resolve("_builds"));
        Path built = builds.resolve(buildKey);
        SecretMask mask = new SecretMask(context.secrets());
        if (context.cancellation().isCancelled()) {
            return new BuildResult(buildKey, false, HookResult.cancelledBeforeStart(Phase.BUILD, LogLine.NO_NODE, hook.timeout()));
        }
        if (Files.isDirectory(built, LinkOption.NOFOLLOW_LINKS)) {
            say(context, mask, Phase.BUILD, LogLine.NO_NODE, "build already exists for tree " + context.treeId() + ", skipping");
            install(built, release);
            return new BuildResult(buildKey, true, HookResult.nothingToRun(Phase.BUILD, LogLine.NO_NODE, hook.timeout()));
        }
        // A copy, so a failed build leaves the release as the commit had it, and a build that
        // succeeded is kept whole for the next deployment of the same key.
        Path work = builds.resolve("." + buildKey + ".building-" + UUID.randomUUID());
        HookResult result;
        try {
            FileTrees.copy(release.directory(), work);
            result = runHook(Phase.BUILD, LogLine.NO_NODE, hook, work, release.environment(), context, mask);
            if (!result.succeeded()) {
                FileTrees.delete(work);
                return new BuildResult(buildKey, false, result);
            }
            try {
                Files.move(work, built, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Another environment (or instance) built the same key meanwhile: one is as good as
                // the other. rename(2) says so with ENOTEMPTY, which the JDK reports as a plain
                // FileSystemException, not DirectoryNotEmptyException: look at the target instead.
                if (!Files.isDirectory(built, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                FileTrees.delete(work);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            FileTrees.delete(work);
            throw e;
        }
        install(built, release);
        return new BuildResult(buildKey, false, result);
    }

    /** Replaces the release's tree by a copy of the build's output. */
    private static void install(Path built, Release release) throws IOException {
        Path releases = release.directory().getParent();
        Path incoming = releases.resolve("." + release.id() + ".installing-" + UUID.randomUUID());
        try {
            FileTrees.copy(built, incoming);
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(incoming);
            throw e;
        }
        Path replaced = releases.resolve("." + release.id() + ".replaced-" + UUID.randomUUID());
        Files.move(release.directory(), replaced, StandardCopyOption.ATOMIC_MOVE);
        Files.move(incoming, release.directory(), StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(replaced);
    }

    @Override
    public void linkMounts(Release release, Collection<String> mounts) throws IOException {
        Path data = data(release.environment());
        for (String mount : mounts) {
            Path relative = FileTrees.requireInside(mount, "mount");
            if (!FileTrees.reachedWithoutLinks(release.directory(), relative) || !FileTrees.reachedWithoutLinks(data, relative)) {
                throw new FileTrees.UnsafePathException("mount " + mount + " goes through a symbolic link");
            }
            Path target = Files.createDirectories(data.resolve(relative.toString()));
            Path link = release.directory().resolve(relative.toString());
            Files.createDirectories(link.getParent());
            // Whatever the tree had there is hidden by the mount, as a mounted volume would hide it.
            FileTrees.delete(link);
            // Relative, so the root can move without breaking a release.
            Files.createSymbolicLink(link, link.getParent().relativize(target));
        }
    }

    @Override
    public List<String> pruneReleases(EnvironmentRef environment, int keep) throws IOException {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must not be negative, was " + keep);
        }
        List<String> history = Files.exists(history(environment))
                ? Files.readAllLines(history(environment), StandardCharsets.UTF_8)
                : List.of();
        List<String> releases = new ArrayList<>(listReleases(environment));
        // Oldest first; a release the history does not know (one from before it existed) is oldest.
        releases.sort((a, b) -> Integer.compare(history.lastIndexOf(a), history.lastIndexOf(b)));
        Set<String> kept = new HashSet<>(releases.subList(Math.max(0, releases.size() - keep), releases.size()));
        for (int node : nodes(environment)) {
            currentRelease(environment, node).ifPresent(kept::add);
        }
        List<String> removed = new ArrayList<>();
        for (String release : releases) {
            if (!kept.contains(release)) {
                FileTrees.deleteAtomically(releases(environment).resolve(release));
                removed.add(release);
            }
        }
        if (!removed.isEmpty()) {
            List<String> remaining = history.stream().filter(id -> !removed.contains(id)).toList();
            Path temporary = history(environment).resolveSibling(".release-history-" + UUID.randomUUID());
            Files.write(temporary, remaining, StandardCharsets.UTF_8);
            Files.move(temporary, history(environment), StandardCopyOption.ATOMIC_MOVE);
        }
        return removed;
    }

    private List<String> listReleases(EnvironmentRef environment) throws IOException {
        Path releases = releases(environment);
        if (!Files.isDirectory(releases)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(releases)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    ids.add(name);
                }
            }
        }
        return ids;
    }

    // ---- nodes

    @Override
    public NodeResult deployNode(Release release, int node, Hook hook, HookContext context)
            throws IOException, InterruptedException {
        requireNode(node);
        EnvironmentRef environment = release.environment();
        SecretMask mask = new SecretMask(context.secrets());
        Path nodeDirectory = Files.createDirectories(node(environment, node));
        Optional<String> previous = currentRelease(environment, node);
        if (context.cancellation().isCancelled()) {
            // DEP-3: a cancelled deployment touches no further node.
            return new NodeResult(node, HookResult.cancelledBeforeStart(Phase.DEPLOY, node, hook.timeout()), previous, previous);
        }
        switchCurrent(nodeDirectory, release.id());
        say(context, mask, Phase.DEPLOY, node, "node " + node + " switched to release " + release.id());
        HookResult result;
        try {
            result = runHook(Phase.DEPLOY, node, hook, release.directory(), environment, context, mask);
        } catch (IOException | InterruptedException | RuntimeException e) {
            switchBack(nodeDirectory, previous);
            throw e;
        }
        if (result.succeeded()) {
            return new NodeResult(node, result, previous, Optional.of(release.id()));
        }
        // DEP-2: a node that fails keeps its old release.
        switchBack(nodeDirectory, previous);
        say(context, mask, Phase.DEPLOY, node, previous.map(id -> "node " + node + " switched back to release " + id)
                .orElse("node " + node + " had no release before and has none now"));
        return new NodeResult(node, result, previous, previous);
    }

    private static void switchBack(Path nodeDirectory, Optional<String> previous) throws IOException {
        if (previous.isPresent()) {
            switchCurrent(nodeDirectory, previous.get());
        } else {
            Files.deleteIfExists(nodeDirectory.resolve("current"));
        }
    }

    /**
     * Points the node's {@code current} link at a release without a moment where it does not
     * resolve: a new link is made beside it and renamed over it, and rename(2) replaces atomically.
     */
    static void switchCurrent(Path nodeDirectory, String releaseId) throws IOException {
        Path temporary = nodeDirectory.resolve(".current-" + UUID.randomUUID());
        Files.createSymbolicLink(temporary, Path.of("..", "..", "releases", releaseId));
        try {
            Files.move(temporary, nodeDirectory.resolve("current"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    @Override
    public HookResult postDeploy(EnvironmentRef environment, Hook hook, HookContext context)
            throws IOException, InterruptedException {
        if (hook.isEmpty()) {
            return HookResult.nothingToRun(Phase.POST_DEPLOY, 1, hook.timeout());
        }
        if (context.cancellation().isCancelled()) {
            return HookResult.cancelledBeforeStart(Phase.POST_DEPLOY, 1, hook.timeout());
        }
        Path directory = currentDirectory(environment, 1);
        return runHook(Phase.POST_DEPLOY, 1, hook, directory, environment, context, new SecretMask(context.secrets()));
    }

    @Override
    public Optional<String> currentRelease(EnvironmentRef environment, int node) throws IOException {
        requireNode(node);
        Path current = node(environment, node).resolve("current");
        if (!Files.isSymbolicLink(current)) {
            return Optional.empty();
        }
        return Optional.of(Files.readSymbolicLink(current).getFileName().toString());
    }

    private List<Integer> nodes(EnvironmentRef environment) throws IOException {
        Path nodes = environment(environment).resolve("nodes");
        if (!Files.isDirectory(nodes)) {
            return List.of();
        }
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(nodes)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.matches("[1-9][0-9]{0,3}")) {
                    numbers.add(Integer.parseInt(name));
                }
            }
        }
        return numbers;
    }

    /** The real folder of a node's current release. */
    private Path currentDirectory(EnvironmentRef environment, int node) throws IOException {
        requireNode(node);
        Path current = node(environment, node).resolve("current");
        if (!Files.isSymbolicLink(current) || !Files.isDirectory(current)) {
            throw new IllegalStateException("node " + node + " of " + environment + " has no release yet");
        }
        return current.toRealPath();
    }

    // ---- data

    @Override
    public void copyData(EnvironmentRef source, EnvironmentRef target) throws IOException {
        if (source.equals(target)) {
            throw new IllegalArgumentException("cannot copy the data of " + source + " onto itself");
        }
        Path targetEnvironment = Files.createDirectories(environment(target));
        Path incoming = targetEnvironment.resolve(".data.incoming-" + UUID.randomUUID());
        try {
            if (Files.isDirectory(data(source), LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.copy(data(source), incoming);
            } else {
                Files.createDirectory(incoming);
            }
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(incoming);
            throw e;
        }
        // The mounts' links are relative and point at data/..., so they follow the swap.
        FileTrees.deleteAtomically(data(target));
        Files.move(incoming, data(target), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void dropData(EnvironmentRef environment) throws IOException {
        FileTrees.deleteAtomically(data(environment));
    }

    @Override
    public void removeEnvironment(EnvironmentRef environment) throws IOException {
        FileTrees.deleteAtomically(environment(environment));
    }

    // ---- exec

    @Override
    public ExecSession exec(EnvironmentRef environment, int node, ExecRequest request) throws IOException {
        Path directory = currentDirectory(environment, node);
        List<String> command = request.command() == null
                ? List.of(bash, "-s")
                : List.of(bash, "-c", request.command());
        Map<String, String> variables = variables(environment, request.branch(), request.treeId(), request.variables(),
                directory, node);
        AttachedProcess process = processes.attach(new ProcessSpec(command, directory, variables, request.timeout(), killGrace));
        return new ExecSession(process, directory);
    }

    /** {@code program} as found on our PATH (a hook's variables may set a PATH without it), else its bare name. */
    private static String onPath(String path, String program) {
        return Stream.of(path.split(":")).map(entry -> Path.of(entry, program)).filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElse(program);
    }

    // ---- hooks

    private HookResult runHook(Phase phase, int node, Hook hook, Path directory, EnvironmentRef environment,
            HookContext context, SecretMask mask) throws IOException, InterruptedException {
        if (hook.isEmpty()) {
            return HookResult.nothingToRun(phase, node, hook.timeout());
        }
        if (context.cancellation().isCancelled()) {
            return HookResult.cancelledBeforeStart(phase, node, hook.timeout());
        }
        Path script = writeScript(directory, phase, node, hook.script());
        Path gate = script.resolveSibling(script.getFileName() + ".go");
        Files.deleteIfExists(gate);
        try {
            Map<String, String> variables = variables(environment, context.branch(), context.treeId(), context.variables(),
                    directory, node);
            ProcessSpec spec = new ProcessSpec(List.of(bash, "-c", GATED, gate.toString(), script.toString(), bash, sleep), directory, variables,
                    hook.timeout(), killGrace);
            LineSink sink = (channel, text) -> context.output().line(new LogLine(phase, node,
                    channel == Channel.STDOUT ? LogStream.STDOUT : LogStream.STDERR, mask.apply(text), clock.instant()));
            RunningProcess process = processes.start(spec, sink);
            try {
                context.started().accept(new StartedHook(phase, node, process.pid(), process.processGroupId().orElse(-1)));
                context.cancellation().attach(process);
                Files.createFile(gate); // recorded: the hook may run
            } catch (RuntimeException | IOException e) {
                // Not recorded, so not stoppable after a crash: it must not run at all.
                process.cancel();
                process.await();
                throw e;
            }
            try {
                ProcessResult result = process.await();
                return HookResult.of(phase, node, result, hook.timeout());
            } finally {
                context.cancellation().detach(process);
            }
        } finally {
            Files.deleteIfExists(gate);
            Files.deleteIfExists(script);
            try {
                Files.deleteIfExists(script.getParent());
            } catch (DirectoryNotEmptyException e) {
                // the hook put something of its own there
            }
        }
    }

    /** Writes the hook's script into the folder it runs in, readable by its owner only. */
    private static Path writeScript(Path directory, Phase phase, int node, String script) throws IOException {
        Path scripts = directory.resolve(SCRIPTS);
        if (Files.isSymbolicLink(scripts) || (Files.exists(scripts) && !Files.isDirectory(scripts))) {
            // The app's tree had something of that name (a link could lead the script anywhere).
            FileTrees.delete(scripts);
        }
        Files.createDirectories(scripts);
        String name = phase.name().toLowerCase() + (node == LogLine.NO_NODE ? "" : "-node" + node) + ".sh";
        Path file = scripts.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, script.endsWith("\n") ? script : script + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** DEP-10's clean environment: defaults, then the given variables, then SLIPWAY_*, which win. */
    private Map<String, String> variables(EnvironmentRef environment, String branch, String treeId,
            Map<String, String> given, Path appDirectory, int node) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PATH", path);
        variables.put("HOME", appDirectory.toString());
        variables.put("LANG", "C.UTF-8");
        variables.putAll(given);
        variables.put("SLIPWAY_PROJECT", environment.project());
        variables.put("SLIPWAY_ENVIRONMENT", environment.environment());
        putIfPresent(variables, "SLIPWAY_BRANCH", branch);
        putIfPresent(variables, "SLIPWAY_TREE_ID", treeId);
        variables.put("SLIPWAY_APP_DIR", appDirectory.toString());
        if (node != LogLine.NO_NODE) {
            variables.put("SLIPWAY_NODE", Integer.toString(node));
        } else {
            variables.remove("SLIPWAY_NODE");
        }
        return variables;
    }

    private static void putIfPresent(Map<String, String> variables, String name, String value) {
        if (value != null) {
            variables.put(name, value);
        } else {
            variables.remove(name);
        }
    }

    private void say(HookContext context, SecretMask mask, Phase phase, int node, String text) {
        context.output().line(new LogLine(phase, node, LogStream.RUNNER, mask.apply(text), clock.instant()));
    }

    private static void requireNode(int node) {
        if (node < 1 || node > 9999) {
            throw new IllegalArgumentException("a node is numbered from 1, was " + node);
        }
    }

    // ---- layout

    private Path environment(EnvironmentRef environment) {
        return root.resolve(environment.project()).resolve(environment.environment());
    }

    private Path releases(EnvironmentRef environment) {
        return environment(environment).resolve("releases");
    }

    private Path history(EnvironmentRef environment) {
        return environment(environment).resolve("release-history");
    }

    private Path node(EnvironmentRef environment, int node) {
        return environment(environment).resolve("nodes").resolve(Integer.toString(node));
    }

    private Path data(EnvironmentRef environment) {
        return environment(environment).resolve("data");
    }
}
