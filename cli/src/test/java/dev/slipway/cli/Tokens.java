package dev.slipway.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** JWT-shaped tokens for tests: the client reads sub, groups and exp; only a real service checks the signature. */
final class Tokens {

    private Tokens() {
    }

    static String of(String user, String... groups) {
        String groupList = groups.length == 0 ? "[]" : "[\"" + String.join("\",\"", groups) + "\"]";
        return part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + part("{\"sub\":\"" + user + "\",\"groups\":" + groupList
                + ",\"exp\":4102444800}") + ".c2lnbmF0dXJl";
    }

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
