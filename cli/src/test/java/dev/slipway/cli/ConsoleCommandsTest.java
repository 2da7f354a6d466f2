package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The lines the web console shows beside its actions, "the equivalent slipway-cli command to copy": every kind of them
 * is in console/test/cli-commands.txt (the console's unit tests keep that file to what it prints), and each must parse
 * with this command line as it is, without a usage error. Parsing only: nothing runs, no server.
 */
class ConsoleCommandsTest {

    /** From the cli module's directory, Maven's working directory for the tests. */
    static final Path FILE = Path.of("..", "console", "test", "cli-commands.txt");

    /** The file's command lines, without its # comments and blank lines. */
    static List<String> lines() throws IOException {
        assertThat(FILE).as("the console's list of CLI lines").exists();
        return Files.readAllLines(FILE, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    /**
     * Parses one line as slipway-cli would get it from a POSIX shell: of a pipeline ({@code printf ... | slipway-cli ...}),
     * the last command. Throws picocli's ParameterException on a usage error.
     */
    static CommandLine.ParseResult parse(String line) {
        List<String> words = ShellWords.lastCommand(line);
        assertThat(words).as(line).isNotEmpty();
        assertThat(words.get(0)).as("the command of " + line).isEqualTo(SlipwayCli.NAME);
        String[] args = words.subList(1, words.size()).toArray(String[]::new);
        Invocation invocation = Invocation.of(Map.of(), Path.of("."), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new StringReader(""), Duration.ZERO);
        return Main.commandLine(invocation, args).parseArgs(args);
    }

    @Test
    void everyLineTheConsoleShowsParses() throws IOException {
        List<String> lines = lines();
        assertThat(lines).as("lines of " + FILE).hasSizeGreaterThan(10);
        List<String> refused = new ArrayList<>();
        for (String line : lines) {
            try {
                CommandLine.ParseResult parsed = parse(line);
                assertThat(parsed.hasSubcommand()).as("a command in " + line).isTrue();
                assertThat(parsed.subcommand().isUsageHelpRequested()).as(line).isFalse();
            } catch (CommandLine.ParameterException e) {
                refused.add(line + "\n    " + e.getMessage());
            }
        }
        assertThat(refused).as("console lines the CLI refuses (console/test/cli-commands.txt)").isEmpty();
    }

    @Test
    void theConsoleShowsTheCommandsOfItsPages() throws IOException {
        List<String> commands = lines().stream().map(line -> parse(line).subcommand().commandSpec().name()).distinct().toList();
        assertThat(commands).contains("environment:branch", "environment:merge", "environment:synchronize", "environment:activate",
                "environment:deactivate", "environment:redeploy", "environment:delete", "variable:create", "variable:update",
                "variable:delete", "deployment:list", "ticket:create");
    }

    @Test
    void aLineWithAnUnknownOptionOrAMissingParameterDoesNotParse() {
        assertThatThrownBy(() -> parse("slipway-cli environment:delete -p shop -e feature --no-delete-branch -y"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class).hasMessageContaining("--no-delete-branch");
        assertThatThrownBy(() -> parse("slipway-cli variable:create --level environment -p shop -e feature --name TOKEN --value x"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--name");
        assertThatThrownBy(() -> parse("slipway-cli environment:sync code -p shop -e feature"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class).hasMessageContaining("environment:sync");
        assertThatThrownBy(() -> parse("slipway-cli variable:create -p shop -e feature NAME"))
                .isInstanceOf(CommandLine.MissingParameterException.class).hasMessageContaining("--value");
        assertThatThrownBy(() -> parse("slipway-cli ticket:create -p shop -e staging --type DEPLOY --subject x --priority SOON"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--priority");
    }

    @Test
    void theLinesPartsReachTheirOptions() {
        CommandLine.ParseResult create = parse("slipway-cli variable:create --level environment -p shop -e feature TOKEN --value \"$VALUE\" "
                + "--sensitive --inheritable=false").subcommand();
        assertThat(create.matchedPositional(0).<String>getValue()).isEqualTo("TOKEN");
        assertThat(create.matchedOption("--value").<String>getValue()).isEqualTo("$VALUE");
        assertThat(create.matchedOption("--sensitive").<Boolean>getValue()).isTrue();
        assertThat(create.matchedOption("--inheritable").<Boolean>getValue()).isFalse();
        CommandLine.ParseResult ticket = parse("printf '%s\\n' 'ssh-ed25519 AAAA a@b' | slipway-cli ticket:create -p shop -e production "
                + "--type ADD_SSH_KEY --subject 'SSH access' --public-key /dev/stdin --set-sensitive TOKEN=\"$VALUE\"").subcommand();
        assertThat(ticket.matchedOption("--subject").<String>getValue()).isEqualTo("SSH access");
        assertThat(ticket.matchedOption("--set-sensitive").<List<String>>getValue()).containsExactly("TOKEN=$VALUE");
    }

    @Test
    void wordsAreSplitAsAPosixShellDoes() {
        assertThat(ShellWords.lastCommand("a 'b c' \"d e\" f\\ g")).containsExactly("a", "b c", "d e", "f g");
        assertThat(ShellWords.lastCommand("--title 'Bob'\\''s'")).containsExactly("--title", "Bob's");
        assertThat(ShellWords.lastCommand("x \"a \\\"q\\\" \\$HOME \\\\ \\n\" '\\n'")).containsExactly("x", "a \"q\" $HOME \\ \\n", "\\n");
        assertThat(ShellWords.lastCommand("--value '' --set NAME=\"$VALUE\"")).containsExactly("--value", "", "--set", "NAME=$VALUE");
        assertThat(ShellWords.lastCommand("echo 'a|b' | tool '|' x")).containsExactly("tool", "|", "x");
        assertThatThrownBy(() -> ShellWords.lastCommand("a 'open")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShellWords.lastCommand("a; rm")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A small POSIX shell-word splitter: blanks separate words; single quotes keep everything; double quotes keep all but
     * a backslash before $ ` " \ or a newline; a backslash outside quotes keeps the next character. {@code "$VALUE"} stays
     * the literal word $VALUE (nothing is expanded). An unquoted | separates the commands of a pipeline; any other
     * operator is refused, as the console prints none.
     */
    static final class ShellWords {

        private ShellWords() {
        }

        /** The words of the pipeline's last command. */
        static List<String> lastCommand(String line) {
            List<List<String>> commands = new ArrayList<>();
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == ' ' || c == '\t') {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else if (c == '|') {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    commands.add(words);
                    words = new ArrayList<>();
                } else if (c == ';' || c == '&' || c == '<' || c == '>' || c == '`' || c == '(' || c == ')') {
                    throw new IllegalArgumentException("A shell operator the console does not print: " + c + " in " + line);
                } else if (c == '\'') {
                    int end = line.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("An unterminated ' in " + line);
                    }
                    word.append(line, i + 1, end);
                    i = end;
                    inWord = true;
                } else if (c == '"') {
                    int j = i + 1;
                    for (; j < line.length() && line.charAt(j) != '"'; j++) {
                        char d = line.charAt(j);
                        if (d == '\\' && j + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(j + 1)) >= 0) {
                            word.append(line.charAt(++j));
                        } else {
                            word.append(d);
                        }
                    }
                    if (j >= line.length()) {
                        throw new IllegalArgumentException("An unterminated \" in " + line);
                    }
                    i = j;
                    inWord = true;
                } else if (c == '\\') {
                    if (i + 1 >= line.length()) {
                        throw new IllegalArgumentException("A trailing \\ in " + line);
                    }
                    word.append(line.charAt(++i));
                    inWord = true;
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            commands.add(words);
            return commands.get(commands.size() - 1);
        }
    }
}
