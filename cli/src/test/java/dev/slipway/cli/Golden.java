package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files in {@code src/test/resources/golden/}: the expected output, byte for byte. A changed output fails
 * the test; {@code -Dgolden.update=true} writes the new output instead (then read the diff before committing it).
 */
final class Golden {

    private static final Path FOLDER = Path.of("src/test/resources/golden");

    private Golden() {
    }

    static void assertMatches(String name, String actual) {
        Path file = FOLDER.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
                Files.createDirectories(FOLDER);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                if (!Boolean.getBoolean("golden.update")) {
                    throw new AssertionError(file + " did not exist; written now: check it and run again");
                }
                return;
            }
            assertThat(actual).as("output against %s (-Dgolden.update=true rewrites it)", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
