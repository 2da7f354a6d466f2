package dev.slipway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slipway project and environment of the git clone the command runs in, the defaults of {@code -p} and
 * {@code -e}: the project from a remote's URL ({@code ssh://git@<host>:<port>/<project>.git}, ENV-7), the
 * environment from the checked-out branch as ENV-2 makes its id. Read from the files under {@code .git} (no
 * {@code git} process: every command pays for this lookup). A remote named {@code slipway} wins over
 * {@code origin}, which wins over the others.
 */
public record GitCheckout(Optional<String> project, Optional<String> branch) {

    /**
     * ENV-1: a project id at the root of a Slipway git host (SSH-4). A tier remote ({@code <project>-staging.git}) is not a
     * project's own repository, nor is one under an owner ({@code git@github.com:acme/shop.git}).
     */
    private static final Pattern PROJECT_URL = Pattern.compile("^(?:ssh://)?git@[^/:]+(?::\\d+)?[:/]([a-z][a-z0-9]{2,31})\\.git/?$");
    private static final Pattern REMOTE = Pattern.compile("^\\s*\\[remote \"([^\"]+)\"\\]\\s*$");
    private static final Pattern URL = Pattern.compile("^\\s*url\\s*=\\s*(\\S+)\\s*$");

    static final GitCheckout NONE = new GitCheckout(Optional.empty(), Optional.empty());

    /** The checkout {@code directory} is in, or {@link #NONE}. */
    public static GitCheckout find(Path directory) {
        for (Path at = directory.toAbsolutePath(); at != null; at = at.getParent()) {
            Path dotGit = at.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return read(dotGit, dotGit);
            }
            if (Files.isRegularFile(dotGit)) { // a worktree or submodule: "gitdir: <path>"
                Optional<String> gitdir = firstLine(dotGit).filter(line -> line.startsWith("gitdir:"));
                if (gitdir.isEmpty()) {
                    return NONE;
                }
                Path own = at.resolve(gitdir.get().substring("gitdir:".length()).trim()).normalize();
                Path common = firstLine(own.resolve("commondir")).map(relative -> own.resolve(relative).normalize()).orElse(own);
                return read(own, common);
            }
        }
        return NONE;
    }

    /** ENV-2: the environment id of a branch: lowercase, {@code / _ .} and spaces become {@code -}. */
    public static String environmentOf(String branch) {
        return branch.toLowerCase(Locale.ROOT).replaceAll("[/_. ]", "-");
    }

    /**
     * The checked-out branch's environment, only in a clone of a Slipway project: the branch of another repository (the
     * checkout a script happens to run in) names no environment.
     */
    public Optional<String> environment() {
        return project.isPresent() ? branch.map(GitCheckout::environmentOf) : Optional.empty();
    }

    private static GitCheckout read(Path gitDir, Path commonDir) {
        Optional<String> branch = firstLine(gitDir.resolve("HEAD")).filter(head -> head.startsWith("ref: refs/heads/"))
                .map(head -> head.substring("ref: refs/heads/".length()).trim());
        return new GitCheckout(project(commonDir.resolve("config")), branch);
    }

    private static Optional<String> project(Path config) {
        List<String[]> remotes = new ArrayList<>(); // name, project
        try {
            String remote = null;
            for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
                Matcher section = REMOTE.matcher(line);
                if (section.matches()) {
                    remote = section.group(1);
                } else if (line.trim().startsWith("[")) {
                    remote = null;
                } else if (remote != null) {
                    Matcher url = URL.matcher(line);
                    if (url.matches()) {
                        Matcher project = PROJECT_URL.matcher(url.group(1));
                        if (project.matches()) {
                            remotes.add(new String[] {remote, project.group(1)});
                        }
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String preferred : List.of("slipway", "origin")) {
            for (String[] remote : remotes) {
                if (remote[0].equals(preferred)) {
                    return Optional.of(remote[1]);
                }
            }
        }
        return remotes.stream().findFirst().map(remote -> remote[1]);
    }

    private static Optional<String> firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
