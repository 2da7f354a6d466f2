package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Parsing, help and exit codes of the command line, with picocli's own execution and no server. */
class CommandLineTest {

    @TempDir
    Path home;

    private CliRun cli() {
        return new CliRun(home);
    }

    private static List<String> commandNames() {
        CommandLine line = Main.commandLine(Invocation.of(Map.of(), Path.of("."), new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.StringReader(""), java.time.Duration.ZERO));
        List<String> names = new ArrayList<>();
        line.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // each command once, not once per alias
                names.add(name);
            }
        });
        return names;
    }

    @Test
    void theHelpOfEveryCommandMatchesTheGoldenFile() {
        StringBuilder all = new StringBuilder();
        CliRun.Result root = cli().run("--help");
        assertThat(root.exitCode()).isZero();
        all.append("$ slipway-cli --help\n").append(root.out());
        for (String name : commandNames()) {
            CliRun.Result help = cli().run(name, "--help");
            assertThat(help.exitCode()).as(name).isZero();
            all.append("\n$ slipway-cli ").append(name).append(" --help\n").append(help.out());
        }
        Golden.assertMatches("help.txt", all.toString());
    }

    @Test
    void everyCommandsHelpEndsWithAnExample() {
        for (String name : commandNames()) {
            String help = cli().run(name, "--help").out();
            assertThat(help).as(name).contains("Example:\n  ");
            assertThat(help.substring(help.indexOf("Example:"))).as(name).contains(SlipwayCli.NAME + " ");
        }
    }

    @Test
    void thereIsACommandForEachNameOfTheIssue() {
        assertThat(commandNames()).contains("auth:login", "auth:info", "auth:logout", "project:list", "project:info", "project:create",
                "project:delete", "environment:list", "environment:info", "environment:branch", "environment:merge",
                "environment:synchronize", "environment:activate", "environment:deactivate", "environment:redeploy", "environment:delete",
                "environment:url", "activity:list", "activity:get", "activity:log", "deployment:list", "deployment:get", "deployment:log",
                "deployment:cancel", "deployment:rollback", "variable:list", "variable:get", "variable:create", "variable:update",
                "variable:delete", "user:list", "user:add", "user:update", "user:delete", "ssh-key:list", "ssh-key:add", "ssh-key:delete",
                "environment:ssh", "ticket:list", "ticket:create", "ticket:get", "ticket:comment", "ticket:approve", "ticket:reject",
                "ticket:cancel", "completion");
    }

    @Test
    void anAliasRunsTheSameCommand() {
        assertThat(cli().run("env", "--help").out()).isEqualTo(cli().run("environment:list", "--help").out());
        assertThat(cli().run("branch", "--help").out()).isEqualTo(cli().run("environment:branch", "--help").out());
        assertThat(cli().run("sync", "--help").out()).isEqualTo(cli().run("environment:synchronize", "--help").out());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithoutAStackTrace() {
        CliRun.Result result = cli().run("environment:list", "--colour");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("Error: Unknown option: '--colour'").contains("Try 'slipway-cli environment:list --help'.")
                .doesNotContain("at dev.slipway", "Exception");
    }

    @Test
    void aMisspeltCommandIsAUsageErrorWithASuggestion() {
        CliRun.Result result = cli().run("enviroment:list");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Error: Unmatched argument").contains("environment:list");
    }

    @Test
    void aBadFormatIsAUsageError() {
        CliRun.Result result = cli().env("SLIPWAY_CLI_TOKEN", Tokens.of("alice")).run("project:list", "--format", "yaml");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--format").contains("yaml");
    }

    @Test
    void withoutATokenACommandSaysHowToSignIn() {
        CliRun.Result result = cli().run("project:list");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(result.err()).isEqualTo("Error: Not signed in (context default): run slipway-cli auth:login\n");
    }

    @Test
    void outsideAGitCloneTheProjectMustBeNamed() {
        CliRun.Result result = cli().env("SLIPWAY_CLI_TOKEN", Tokens.of("alice")).run("environment:list");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("Error: No project: give -p/--project");
    }

    @Test
    void aDestructiveCommandNeedsYesWhenNotOnATerminal() {
        CliRun.Result result = cli().env("SLIPWAY_CLI_TOKEN", Tokens.of("alice")).env("SLIPWAY_CLI_URL", "http://127.0.0.1:9")
                .run("project:delete", "-p", "shop");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("Error: Delete project shop with all its environments? Add -y/--yes to confirm when not on a terminal.\n");
    }

    @Test
    void syncTakesCodeOrDataOnly() {
        CliRun.Result result = cli().env("SLIPWAY_CLI_TOKEN", Tokens.of("alice")).run("sync", "everything", "-p", "shop", "-e", "feature");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("Error: Synchronize code, data or both, not everything\n");
    }

    @Test
    void theCompletionScriptCompletesEveryCommandAndKeepsColonsInWords() {
        CliRun.Result result = cli().run("completion", "bash");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("COMP_WORDBREAKS=${COMP_WORDBREAKS//:}").contains("complete -F _complete_slipway-cli");
        for (String name : commandNames()) {
            assertThat(result.out()).as(name).contains(name);
        }
        assertThat(cli().run("completion", "fish").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void theVersionNamesTheCommand() {
        assertThat(cli().run("--version").out()).isEqualTo(SlipwayCli.NAME + " " + SlipwayCli.VERSION + "\n");
    }
}
