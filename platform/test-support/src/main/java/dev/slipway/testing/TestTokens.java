package dev.slipway.testing;

import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.DevTokens;
import dev.slipway.devinfra.SlipwayHome;
import java.time.Duration;
import java.util.List;

/** Bearer tokens for tests, signed with the key the test run's services trust (SEC-1). */
public final class TestTokens {

    private static DevTokens tokens;

    private TestTokens() {
    }

    public static synchronized String token(String user, String... groups) {
        if (tokens == null) {
            tokens = new DevTokens(DevKeys.forTests(SlipwayHome.locate()).loadPrivateKey(), DevTokens.DEFAULT_ISSUER);
        }
        return tokens.mint(user, List.of(groups), Duration.ofMinutes(30));
    }

    public static String bearer(String user, String... groups) {
        return "Bearer " + token(user, groups);
    }
}
