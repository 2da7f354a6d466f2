package dev.slipway.deployment.appconfig;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A commit made of files given as text, for tests. */
final class Commit implements CommitFiles {

    static final String SHA = "3f2a9c1d0b7e4a5f6c8d9e0a1b2c3d4e5f607182";

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    static Commit with(String path, String text) {
        return new Commit().and(path, text);
    }

    Commit and(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Commit andBytes(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    @Override
    public Optional<byte[]> read(String path) {
        return Optional.ofNullable(files.get(path)).map(byte[]::clone);
    }

    ConfigOutcome read() {
        return ConfigReader.read(SHA, this);
    }

    CommitConfig valid() {
        ConfigOutcome outcome = read();
        if (outcome instanceof ConfigOutcome.Invalid invalid) {
            throw new AssertionError("expected a valid configuration, got\n" + invalid.message());
        }
        return ((ConfigOutcome.Valid) outcome).config();
    }

    java.util.List<ConfigProblem> problems() {
        ConfigOutcome outcome = read();
        if (outcome instanceof ConfigOutcome.Valid) {
            throw new AssertionError("expected problems, got a valid configuration");
        }
        return ((ConfigOutcome.Invalid) outcome).problems();
    }

    ConfigFiles files() {
        return ConfigFiles.locate(SHA, this);
    }
}
