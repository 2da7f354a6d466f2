package dev.slipway.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * The root command, {@value #NAME}: every public API of Slipway (API-1) from a shell, with Platform.sh's command
 * names. Its name differs from {@code bin/slipway}, the launcher of a local suite ({@code up}, {@code down},
 * {@code status}, {@code logs}, {@code token}), on purpose: the two never take each other's commands.
 */
@Command(name = SlipwayCli.NAME, mixinStandardHelpOptions = true, version = SlipwayCli.NAME + " " + SlipwayCli.VERSION,
        sortOptions = false, usageHelpAutoWidth = false,
        customSynopsis = SlipwayCli.NAME + " [-hV] [--context=<context>] [COMMAND]",
        description = "The command-line client of Slipway: projects, environments, deployments, variables, users, SSH keys and "
                + "support tickets through the API of one origin.",
        footerHeading = "%n",
        footer = {
            "Example:",
            "  " + SlipwayCli.NAME + " auth:login --dev-user alice    # bin/slipway up's origin",
            "  " + SlipwayCli.NAME + " environment:list -p shop",
            "",
            "Environment:",
            "  SLIPWAY_CLI_CONTEXT  the context to use",
            "  SLIPWAY_CLI_URL, SLIPWAY_CLI_TOKEN  override the context's URL and token",
            "  XDG_CONFIG_HOME      contexts in its " + SlipwayCli.NAME + "/config.json (default ~/.config)",
            "",
            "Exit codes:",
            "  0 done                         4 forbidden (403)",
            "  1 an operation failed (or 5xx) 5 conflict (409, 412)",
            "  2 usage, or input refused      6 not signed in (401)",
            "    by the API (400, 422)        7 the server does not answer",
            "  3 not found (404)"
        })
public final class SlipwayCli implements Runnable {

    /**
     * Every command, in the order of the root help. Not in {@code @Command(subcommands)}: {@link Main} registers only
     * the one a command line names, because reading all their annotations costs a start-up a third of a second.
     */
    static final List<Class<?>> COMMANDS = List.of(
        AuthCommands.Login.class, AuthCommands.Info.class, AuthCommands.Logout.class, AuthCommands.Token.class,
        ContextCommands.ListContexts.class, ContextCommands.Use.class, ContextCommands.Delete.class,
        ProjectCommands.ListProjects.class, ProjectCommands.Info.class, ProjectCommands.Create.class, ProjectCommands.Delete.class,
        EnvironmentCommands.ListEnvironments.class, EnvironmentCommands.Info.class, EnvironmentCommands.Branch.class,
        EnvironmentCommands.Merge.class, EnvironmentCommands.Sync.class, EnvironmentCommands.Activate.class,
        EnvironmentCommands.Deactivate.class, EnvironmentCommands.Redeploy.class, EnvironmentCommands.Delete.class,
        EnvironmentCommands.Url.class, EnvironmentCommands.Ssh.class,
        ActivityCommands.ListActivities.class, ActivityCommands.Get.class, ActivityCommands.Log.class,
        DeploymentCommands.ListDeployments.class, DeploymentCommands.Get.class, DeploymentCommands.Log.class,
        DeploymentCommands.Cancel.class, DeploymentCommands.Rollback.class,
        VariableCommands.ListVariables.class, VariableCommands.Get.class, VariableCommands.Create.class,
        VariableCommands.Update.class, VariableCommands.Delete.class,
        UserCommands.ListUsers.class, UserCommands.Add.class, UserCommands.Update.class, UserCommands.Delete.class,
        SshKeyCommands.ListKeys.class, SshKeyCommands.Add.class, SshKeyCommands.Delete.class,
        TicketCommands.ListTickets.class, TicketCommands.Create.class, TicketCommands.Get.class, TicketCommands.Comment.class,
        TicketCommands.Approve.class, TicketCommands.Reject.class, TicketCommands.Cancel.class, TicketCommands.Retry.class,
        TicketCommands.Resolve.class,
        Completion.class
    );

    /** The command's name: the launcher {@code bin/slipway-cli}, the config folder, completion and help. */
    public static final String NAME = "slipway-cli";
    public static final String VERSION = "0.1.0";

    private final Invocation invocation;
    private Session session;
    private GitCheckout checkout;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "<context>",
            description = "The context (base URL and account) to use; default: $SLIPWAY_CLI_CONTEXT, else the current one.")
    String context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public SlipwayCli(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public void run() {
        spec.commandLine().usage(invocation.out());
    }

    Invocation invocation() {
        return invocation;
    }

    /** The contexts and the one chosen for this run. */
    Session session() {
        if (session == null) {
            session = new Session(invocation, context);
        }
        return session;
    }

    /** The API of the chosen context, signed in. */
    Api api() {
        return session().api();
    }

    GitCheckout checkout() {
        if (checkout == null) {
            checkout = GitCheckout.find(invocation.cwd());
        }
        return checkout;
    }
}
