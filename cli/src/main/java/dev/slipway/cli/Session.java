package dev.slipway.cli;

/**
 * The context a run uses: named by {@code --context}, else {@code $SLIPWAY_CLI_CONTEXT}, else the current one, else
 * {@value Contexts#DEFAULT_NAME}; {@code $SLIPWAY_CLI_URL} and {@code $SLIPWAY_CLI_TOKEN} override its base URL and
 * token (scripts, CI).
 */
final class Session {

    private final Invocation invocation;
    private final Contexts contexts;
    private final String name;

    Session(Invocation invocation, String named) {
        this.invocation = invocation;
        this.contexts = Contexts.load(invocation);
        this.name = named != null ? named
                : invocation.variable("SLIPWAY_CLI_CONTEXT").orElseGet(() -> contexts.currentName().orElse(Contexts.DEFAULT_NAME));
    }

    Contexts contexts() {
        return contexts;
    }

    /** The chosen context's name. */
    String name() {
        return name;
    }

    /** The chosen context as stored, or an empty one of that name. */
    Contexts.Context context() {
        return contexts.named(name).orElseGet(() -> new Contexts.Context(name, null, null, null));
    }

    String url() {
        return invocation.variable("SLIPWAY_CLI_URL").orElseGet(() -> context().url() != null ? context().url() : Contexts.DEFAULT_URL);
    }

    /** The token, or null when signed out. */
    String token() {
        return invocation.variable("SLIPWAY_CLI_TOKEN").orElse(context().token());
    }

    Api api() {
        String token = token();
        if (token == null) {
            throw new CliException(ExitCodes.UNAUTHENTICATED, "Not signed in (context " + name + "): run " + SlipwayCli.NAME + " auth:login");
        }
        return new Api(url(), token);
    }
}
