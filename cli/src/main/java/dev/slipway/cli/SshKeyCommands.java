package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssh-key:*}: your own SSH public keys (SSH-1); they reach your projects' Integration environments (SSH-2). */
final class SshKeyCommands {

    static final List<Table.Column> COLUMNS = List.of(
            Table.Column.field("ID", "id"),
            Table.Column.field("Title", "title"),
            Table.Column.field("Type", "keyType"),
            Table.Column.field("Fingerprint", "fingerprint"),
            Table.Column.field("Last used", "lastUsedAt"));

    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub");

    private SshKeyCommands() {
    }

    /** A public key file's one line; a file that cannot be read is a usage error. */
    static String read(Path publicKey) {
        try {
            return Files.readString(publicKey, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw CliException.usage("Cannot read " + publicKey + ": " + e.getMessage());
        }
    }

    @Command(name = "ssh-key:list", aliases = "ssh-keys", sortOptions = false, description = "List your SSH keys.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} ssh-key:list")
    static final class ListKeys extends Action {

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            return printList(outputOptions, COLUMNS, api().list(Api.path("ssh-keys"), 0));
        }
    }

    @Command(name = "ssh-key:add", sortOptions = false,
            description = "Add an SSH public key. ed25519, ECDSA, or RSA of 2048 bits or more (SSH-1); a private key is refused and never sent back.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} ssh-key:add ~/.ssh/id_ed25519.pub --title laptop")
    static final class Add extends Action {

        @Parameters(arity = "0..1", paramLabel = "<file>", description = "The public key file; default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub or id_rsa.pub.")
        Path file;

        @Option(names = "--title", paramLabel = "<title>", description = "A title; default: the key's comment.")
        String title;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            ObjectNode body = Json.object().put("publicKey", read(file != null ? file : defaultKey()));
            if (title != null) {
                body.put("title", title);
            }
            JsonNode added = api().post(Api.path("ssh-keys"), body).body();
            return printCreated(outputOptions, added, "Key " + Json.cell(added, "fingerprint") + " added.");
        }

        private Path defaultKey() {
            Path ssh = Path.of(invocation().variable("HOME").orElse(System.getProperty("user.home")), ".ssh");
            return DEFAULT_KEYS.stream().map(ssh::resolve).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> CliException.usage("No public key in " + ssh + " (" + String.join(", ", DEFAULT_KEYS) + "); name the file"));
        }
    }

    @Command(name = "ssh-key:delete", sortOptions = false, description = "Remove one of your SSH keys. Its open sessions end.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} ssh-key:delete 2f0c7a2e-6a55-4c0e-9a4e-1b2c3d4e5f60 -y")
    static final class Delete extends Action {

        @Parameters(paramLabel = "<id>", description = "The key's id (ssh-key:list).")
        String id;

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            return deleteConfirmed(yes, "Remove SSH key " + id + "?", Api.path("ssh-keys", id), "Key " + id + " removed.");
        }
    }
}
