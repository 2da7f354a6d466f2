package dev.slipway.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The checkout these checks read: {@code slipway.root} (set by the parent pom), else the parent folder. */
final class Checkout {

    /** The four services, as their module folders, Kubernetes workloads and compose services are named. */
    static final List<String> SERVICES = List.of("environment-service", "deployment-service", "ticket-service", "ssh-gateway");
    /** The web console's workload on Kubernetes (k8s/base/console.yaml): static files, docker/console.Dockerfile. */
    static final String CONSOLE = "console";

    private Checkout() {
    }

    static Path root() {
        String root = System.getProperty("slipway.root");
        return (root == null || root.isBlank() ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code .java} files under {@code folder}, in path order. */
    static List<Path> javaFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
