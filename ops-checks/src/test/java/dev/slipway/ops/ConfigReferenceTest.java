package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's configuration reference is the one ConfigReference generates from the
 * services' sources, so it cannot drift. After changing a key, regenerate it:
 * {@code ./mvnw -B -o -pl ops-checks verify -Dslipway.ops.write-docs=true}.
 */
class ConfigReferenceTest {

    private static final Path DOC = Checkout.path("docs/operations.md");

    @Test
    void everySettingIsDescribed() {
        assertThat(ConfigReference.settings()).filteredOn(setting -> setting.meaning().equals("?"))
                .as("settings without a Javadoc or an entry in ConfigReference.PROPERTIES").isEmpty();
    }

    @Test
    void theDocumentHoldsTheGeneratedReference() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf(ConfigReference.START);
        int end = doc.indexOf(ConfigReference.END);
        assertThat(start).as("docs/operations.md has the reference's start marker").isNotNegative();
        assertThat(end).as("and its end marker, after it").isGreaterThan(start);
        String generated = ConfigReference.markdown();
        String held = doc.substring(start + ConfigReference.START.length(), end).strip() + "\n";
        if (!held.equals(generated) && Boolean.getBoolean("slipway.ops.write-docs")) {
            Files.writeString(DOC, doc.substring(0, start + ConfigReference.START.length()) + "\n\n" + generated + "\n" + doc.substring(end));
            return;
        }
        assertThat(held).as("docs/operations.md's configuration reference against the sources; regenerate with "
                + "./mvnw -B -o -pl ops-checks verify -Dslipway.ops.write-docs=true").isEqualTo(generated);
    }
}
