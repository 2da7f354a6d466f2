package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code auth:*}: signing in and out of a context; the token is printed only by {@code auth:token}. */
final class AuthCommands {

    private AuthCommands() {
    }

    @Command(name = "auth:login", aliases = "login", sortOptions = false,
            description = "Sign in and keep a token for the context. The context is created when missing and made current; the token is checked "
                    + "against the API before it is kept.",
            footerHeading = "%nExample:%n", footer = {
                "  ${ROOT-COMMAND-NAME} auth:login --dev-user alice                    # the development sign-in of bin/slipway up",
                "  ${ROOT-COMMAND-NAME} auth:login --context prod --url https://slipway.example.com --token-stdin < token.txt"})
    static final class Login extends Action {

        @Option(names = "--url", paramLabel = "<url>", description = "The one origin's base URL; default: the context's, else "
                + Contexts.DEFAULT_URL + ".")
        String url;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Credentials credentials;

        static final class Credentials {
            @Option(names = "--token", paramLabel = "<jwt>", description = "A bearer token (JWT) from your identity provider.")
            String token;

            @Option(names = "--token-stdin", description = "Read the token from standard input (keeps it out of the shell history).")
            boolean tokenStdin;

            @Option(names = "--dev-user", paramLabel = "<user>",
                    description = "The development sign-in of a local suite (/dev/sign-in of bin/slipway up's origin): a token for this user.")
            String devUser;
        }

        @Option(names = "--support", description = "With --dev-user: a token of the support group (platform staff, SEC-1).")
        boolean support;

        @Override
        protected int run() {
            Session session = root.session();
            String base = url != null ? url : session.context().url() != null ? session.context().url() : Contexts.DEFAULT_URL;
            String token;
            if (credentials.devUser != null) {
                ObjectNode body = Json.object().put("user", credentials.devUser).put("support", support);
                JsonNode answer;
                try {
                    answer = new Api(base, null).send("POST", "/dev/sign-in", body).body();
                } catch (ApiProblem e) {
                    if (e.status() == 404) {
                        throw new CliException(ExitCodes.NOT_FOUND, base + " has no development sign-in (only bin/slipway up's origin does); use --token");
                    }
                    throw e;
                }
                token = Json.text(answer, "token");
            } else if (credentials.tokenStdin) {
                token = invocation().readLine().orElse("").trim();
            } else {
                token = credentials.token.trim();
            }
            if (token == null || token.isEmpty()) {
                throw CliException.usage("No token given");
            }
            new Api(base, token).get(Api.query(Api.path("projects"), Map.of("limit", 1))); // 401 here, not later
            Claims claims = Claims.of(token);
            Contexts contexts = session.contexts();
            contexts.put(new Contexts.Context(session.name(), base, claims.user(), token));
            contexts.use(session.name());
            contexts.save();
            note("Signed in as " + claims.user() + (claims.groups().isEmpty() ? "" : " (" + String.join(", ", claims.groups()) + ")")
                    + " on " + base + ", context " + session.name() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "auth:info", sortOptions = false, description = "Who you are in the context. Its URL, user, groups and when the "
            + "token expires (never the token).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} auth:info", "  ${ROOT-COMMAND-NAME} auth:info user"})
    static final class Info extends Action {

        @Parameters(arity = "0..1", paramLabel = "<property>", description = "Print only this property's value.")
        String property;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            Session session = root.session();
            String token = session.token();
            Table table = Table.properties().property("context", session.name()).property("url", session.url());
            ObjectNode json = Json.object().put("context", session.name()).put("url", session.url());
            if (token == null) {
                table.property("signedIn", "false");
                json.put("signedIn", false);
            } else {
                Claims claims = Claims.of(token);
                table.property("signedIn", "true").property("user", claims.user()).property("groups", String.join(",", claims.groups()))
                        .property("expiresAt", claims.expiresAt());
                json.put("signedIn", true).put("user", claims.user()).put("expiresAt", claims.expiresAt());
                json.putArray("groups").addAll(claims.groups().stream().map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList());
            }
            return Properties.print(this, output(outputOptions), table, json, property);
        }
    }

    @Command(name = "auth:logout", aliases = "logout", sortOptions = false, description = "Forget the context's token. Its URL stays.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} auth:logout", "  ${ROOT-COMMAND-NAME} auth:logout --all"})
    static final class Logout extends Action {

        @Option(names = {"-a", "--all"}, description = "Forget the tokens of every context.")
        boolean all;

        @Override
        protected int run() {
            Session session = root.session();
            Contexts contexts = session.contexts();
            for (Contexts.Context context : contexts.all()) {
                if (all || context.name().equals(session.name())) {
                    contexts.put(context.withCredentials(null, null));
                }
            }
            contexts.save();
            note(all ? "Signed out of every context." : "Signed out of context " + session.name() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "auth:token", sortOptions = false,
            description = "Print the context's token. For another tool, e.g. curl -H \"Authorization: Bearer $(...)\"; the only command that prints it.",
            footerHeading = "%nExample:%n", footer = "  curl -H \"Authorization: Bearer $(${ROOT-COMMAND-NAME} auth:token)\" http://127.0.0.1:8080/api/v1/projects")
    static final class Token extends Action {

        @Override
        protected int run() {
            String token = root.session().token();
            if (token == null) {
                throw new CliException(ExitCodes.UNAUTHENTICATED, "Not signed in (context " + root.session().name() + ")");
            }
            say(token);
            return ExitCodes.OK;
        }
    }

    /** What a JWT says of its holder (SEC-1), read without checking its signature: the API checks it. */
    record Claims(String user, List<String> groups, String expiresAt) {

        static Claims of(String token) {
            String[] parts = token.split("\\.");
            if (parts.length < 2) {
                return new Claims("?", List.of(), "");
            }
            try {
                JsonNode payload = Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
                List<String> groups = Json.elements(payload.get("groups")).stream().map(JsonNode::asText).toList();
                String expires = payload.has("exp") ? Instant.ofEpochSecond(payload.get("exp").asLong()).toString() : "";
                return new Claims(Json.cell(payload, "sub"), groups, expires);
            } catch (IOException | IllegalArgumentException e) {
                return new Claims("?", List.of(), "");
            }
        }
    }
}
