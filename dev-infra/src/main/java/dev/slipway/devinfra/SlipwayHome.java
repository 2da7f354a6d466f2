package dev.slipway.devinfra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout Slipway runs from, and the git-ignored {@code .slipway/} folder beneath it that holds
 * everything a local run creates: broker and database data, logs, PID files and development keys.
 */
public final class SlipwayHome {

    private final Path root;

    private SlipwayHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Uses {@code -Dslipway.root} or {@code SLIPWAY_ROOT} when set, else walks up from the working
     * directory to the folder that holds {@code mvnw} and {@code dev-infra/}.
     */
    public static SlipwayHome locate() {
        String configured = System.getProperty("slipway.root", System.getenv("SLIPWAY_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return new SlipwayHome(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("dev-infra"))) {
                return new SlipwayHome(dir);
            }
        }
        throw new InfraException("Cannot find the Slipway checkout from " + Path.of("").toAbsolutePath()
                + "; run from inside it or set SLIPWAY_ROOT");
    }

    public Path root() {
        return root;
    }

    /** Everything a local run writes; git-ignored. */
    public Path state() {
        return root.resolve(".slipway");
    }

    public Path state(String first, String... more) {
        return state().resolve(Path.of(first, more));
    }
}
