package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code environment:*}: the environments of a project and the operations of ENV-4, each waited for (API-3). */
final class EnvironmentCommands {

    static final List<Table.Column> COLUMNS = List.of(
            Table.Column.field("ID", "id"),
            Table.Column.field("Title", "title"),
            Table.Column.field("Status", "status"),
            Table.Column.field("Type", "type"),
            Table.Column.field("Parent", "parent"),
            Table.Column.field("Deployment", "latestDeployment", "state"),
            Table.Column.commit("Commit", "deployedCommit"));

    /** Production and Staging first, as the console shows them; then the Integration tree from master. */
    private static final Map<String, Integer> TYPE_ORDER = Map.of("PRODUCTION", 0, "STAGING", 1, "INTEGRATION", 2);

    private EnvironmentCommands() {
    }

    @Command(name = "environment:list", aliases = {"environments", "env"}, sortOptions = false,
            description = "List environments as a tree. Each Integration environment under its parent (ENV-2).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} environment:list -p shop -I",
                "  ${ROOT-COMMAND-NAME} environment:list -p shop --format csv --columns id,status"})
    static final class ListEnvironments extends Action {

        @Option(names = {"-I", "--no-inactive"}, description = "Leave out inactive environments.")
        boolean noInactive;

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            List<JsonNode> environments = api().list(Api.path("projects", project(projectOption), "environments"), 0);
            if (noInactive) {
                environments = environments.stream().filter(environment -> !"INACTIVE".equals(Json.text(environment, "status"))).toList();
            }
            List<JsonNode> ordered = new ArrayList<>();
            List<Integer> depths = new ArrayList<>();
            tree(environments, ordered, depths);
            Table table = new Table(COLUMNS.stream().map(Table.Column::name).toList());
            for (int i = 0; i < ordered.size(); i++) {
                JsonNode environment = ordered.get(i);
                table.add(COLUMNS.stream().map(column -> column.value().apply(environment)).toList(), depths.get(i));
            }
            output(outputOptions).print(table, ordered);
            return ExitCodes.OK;
        }
    }

    /**
     * Depth-first from the roots (no parent, or a parent not in the list: hidden by {@code -I}), children by id;
     * each environment's depth for the table's indentation.
     */
    static void tree(List<JsonNode> environments, List<JsonNode> ordered, List<Integer> depths) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        environments.forEach(environment -> byId.put(Json.text(environment, "id"), environment));
        Map<String, List<JsonNode>> children = new LinkedHashMap<>();
        List<JsonNode> roots = new ArrayList<>();
        for (JsonNode environment : environments) {
            String parent = Json.text(environment, "parent");
            if (parent == null || !byId.containsKey(parent)) {
                roots.add(environment);
            } else {
                children.computeIfAbsent(parent, key -> new ArrayList<>()).add(environment);
            }
        }
        Comparator<JsonNode> byTypeThenId = Comparator.<JsonNode>comparingInt(environment -> TYPE_ORDER.getOrDefault(Json.cell(environment, "type"), 3))
                .thenComparing(environment -> !"master".equals(Json.text(environment, "id")))
                .thenComparing(environment -> Json.cell(environment, "id"));
        roots.sort(byTypeThenId);
        for (JsonNode root : roots) {
            walk(root, 0, children, byTypeThenId, ordered, depths);
        }
    }

    private static void walk(JsonNode environment, int depth, Map<String, List<JsonNode>> children, Comparator<JsonNode> order,
            List<JsonNode> ordered, List<Integer> depths) {
        ordered.add(environment);
        depths.add(depth);
        List<JsonNode> mine = new ArrayList<>(children.getOrDefault(Json.text(environment, "id"), List.of()));
        mine.sort(order);
        for (JsonNode child : mine) {
            walk(child, depth + 1, children, order, ordered, depths);
        }
    }

    @Command(name = "environment:info", sortOptions = false,
            description = "Show an environment's properties. Or one of them. Status, commits, deployment, nodes, URLs (ENV-6..8).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} environment:info -p shop -e master",
                "  ${ROOT-COMMAND-NAME} environment:info status      # inside a clone: the checked-out branch's environment"})
    static final class Info extends Action {

        @Parameters(arity = "0..1", paramLabel = "<property>", description = "Print only this property's value.")
        String property;

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.EnvironmentOption environmentOption;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            JsonNode environment = api().get(Api.path("projects", project(projectOption), "environments", environment(environmentOption)));
            return Properties.print(this, output(outputOptions), environment, property);
        }
    }

    /** What the ENV-4 commands share: {@code -p}, {@code -e}, {@code -W}; POST, then wait for the activity. */
    abstract static class Operation extends Action {

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.EnvironmentOption environmentOption;

        @Mixin
        Options.WaitOption waitOption;

        /** Sends the operation and waits for the 202's Activity unless {@code -W}; an activity that fails throws. */
        int operate(String method, String path, JsonNode body) {
            JsonNode activity = api().send(method, path, body).body();
            String what = Json.cell(activity, "type") + " of " + Json.cell(activity, "environmentId");
            if (waitOption.noWait) {
                say(Json.cell(activity, "id"));
                note(what + " started (activity " + Json.cell(activity, "id") + "); not waiting.");
                return ExitCodes.OK;
            }
            JsonNode done = waiter().activity(activity);
            note(what + " succeeded (activity " + Json.cell(done, "id") + ").");
            return ExitCodes.OK;
        }

        String base(String environment, String... rest) {
            List<String> segments = new ArrayList<>(List.of("projects", project(projectOption), "environments", environment));
            segments.addAll(List.of(rest));
            return Api.path(segments.toArray(String[]::new));
        }
    }

    @Command(name = "environment:branch", aliases = "branch", sortOptions = false,
            description = "Branch a new Integration environment. From an active one: the child starts from the parent's head and a "
                    + "copy of its data (ENV-4). Waits for the branch activity.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} branch feature/checkout master -p shop",
                "  ${ROOT-COMMAND-NAME} environment:branch sprint1 -e feature1 --title 'Sprint 1'"})
    static final class Branch extends Operation {

        @Parameters(index = "0", paramLabel = "<name>", description = "The new branch; its environment id is its slug (ENV-2).")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<parent>", description = "The parent environment; default: -e, or the current branch's.")
        String parent;

        @Option(names = "--title", paramLabel = "<title>", description = "The new environment's title; default: the branch name.")
        String title;

        @Override
        protected int run() {
            String from = parent != null ? parent : environment(environmentOption);
            ObjectNode body = Json.object().put("name", name);
            if (title != null) {
                body.put("title", title);
            }
            return operate("POST", base(from, "branch"), body);
        }
    }

    @Command(name = "environment:merge", aliases = "merge", sortOptions = false,
            description = "Merge into the parent (admin). The branch is merged into the parent's and the parent redeploys; variables are not merged (ENV-4).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} merge -p shop -e feature1 -y")
    static final class Merge extends Operation {

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            String environment = environment(environmentOption);
            confirm(yes, "Merge " + environment + " into its parent?");
            return operate("POST", base(environment, "merge"), null);
        }
    }

    @Command(name = "environment:synchronize", aliases = "sync", sortOptions = false,
            description = "Sync code and/or data from the parent. Code: the parent's branch merged into this one; data: a copy of the parent's. The environment redeploys (ENV-4).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} sync code -p shop -e sprint1", "  ${ROOT-COMMAND-NAME} sync code data -e sprint1 -y"})
    static final class Sync extends Operation {

        @Parameters(arity = "1..2", paramLabel = "<what>", description = "code, data, or both.")
        List<String> what;

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            Set<String> asked = Set.copyOf(what.stream().map(String::toLowerCase).toList());
            if (!Set.of("code", "data").containsAll(asked)) {
                throw CliException.usage("Synchronize code, data or both, not " + String.join(" ", what));
            }
            String environment = environment(environmentOption);
            if (asked.contains("data")) {
                confirm(yes, "Replace " + environment + "'s data with a copy of its parent's?");
            }
            ObjectNode body = Json.object().put("code", asked.contains("code")).put("data", asked.contains("data"));
            return operate("POST", base(environment, "sync"), body);
        }
    }

    @Command(name = "environment:activate", sortOptions = false,
            description = "Activate an inactive environment (admin). It counts against the project's limit (ENV-3), copies its parent's "
                    + "data and deploys its head.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} environment:activate -p shop -e env9")
    static final class Activate extends Operation {

        @Override
        protected int run() {
            return operate("POST", base(environment(environmentOption), "activate"), null);
        }
    }

    @Command(name = "environment:deactivate", sortOptions = false,
            description = "Deactivate an active environment (admin). It stops serving and its data is dropped (ENV-4); never master.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} environment:deactivate -p shop -e feature1 -y")
    static final class Deactivate extends Operation {

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            String environment = environment(environmentOption);
            confirm(yes, "Deactivate " + environment + " and drop its data?");
            return operate("POST", base(environment, "deactivate"), null);
        }
    }

    @Command(name = "environment:redeploy", aliases = "redeploy", sortOptions = false,
            description = "Redeploy an active environment. Its current head with its current variables (ENV-4).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} redeploy -p shop -e master")
    static final class Redeploy extends Operation {

        @Override
        protected int run() {
            return operate("POST", base(environment(environmentOption), "redeploy"), null);
        }
    }

    @Command(name = "environment:delete", sortOptions = false,
            description = "Delete an inactive environment (admin). With its git branch unless --keep-branch (ENV-4); never master.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} environment:delete -p shop -e feature1 -y")
    static final class Delete extends Operation {

        @Option(names = "--keep-branch", description = "Keep the git branch.")
        boolean keepBranch;

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            String environment = environment(environmentOption);
            confirm(yes, "Delete environment " + environment + (keepBranch ? "" : " and its branch") + "?");
            return operate("DELETE", base(environment) + (keepBranch ? "?keepBranch=true" : ""), null);
        }
    }

    @Command(name = "environment:url", aliases = "url", sortOptions = false,
            description = "Print an environment's store URL. --all for the admin, git and SSH URLs too (ENV-7).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} url -p shop -e production", "  ${ROOT-COMMAND-NAME} url --all -e master"})
    static final class Url extends Action {

        @Option(names = {"-a", "--all"}, description = "Every URL: store, admin, git, ssh.")
        boolean all;

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.EnvironmentOption environmentOption;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            JsonNode environment = api().get(Api.path("projects", project(projectOption), "environments", environment(environmentOption)));
            JsonNode urls = environment.path("urls");
            if (!all) {
                say(Json.cell(urls, "store"));
                return ExitCodes.OK;
            }
            Table table = new Table(List.of("Kind", "URL"));
            urls.fields().forEachRemaining(url -> table.add(List.of(url.getKey(), url.getValue().asText())));
            output(outputOptions).print(table, urls);
            return ExitCodes.OK;
        }
    }

    @Command(name = "environment:ssh", aliases = "ssh", sortOptions = false,
            description = "Open a shell or run a command over SSH. In the environment's current release (SSH-3): OpenSSH's ssh with "
                    + "the environment's login <project>-<env>@<host>. Your key must reach it (SSH-2).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} ssh -p shop -e master", "  ${ROOT-COMMAND-NAME} ssh -p shop -e production --node 2 -- cat /etc/hostname",
                "  ${ROOT-COMMAND-NAME} ssh --pipe -e master     # prints the ssh URL only"})
    static final class Ssh extends Action {

        @Parameters(arity = "0..*", paramLabel = "<command>", description = "A command to run instead of a shell (after --).")
        List<String> command = new ArrayList<>();

        @Option(names = "--node", paramLabel = "<n>", description = "The node (Production has 3, ENV-6); default 1.")
        Integer node;

        @Option(names = "--pipe", description = "Print the SSH URL instead of connecting.")
        boolean pipe;

        @Option(names = {"-i", "--identity-file"}, paramLabel = "<file>", description = "The private key for ssh -i.")
        String identity;

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.EnvironmentOption environmentOption;

        @Override
        protected int run() {
            JsonNode environment = api().get(Api.path("projects", project(projectOption), "environments", environment(environmentOption)));
            String url = Json.cell(environment, "urls", "ssh");
            if (pipe) {
                say(url);
                return ExitCodes.OK;
            }
            URI ssh = URI.create(url);
            List<String> args = new ArrayList<>(List.of("ssh", "-p", Integer.toString(ssh.getPort() > 0 ? ssh.getPort() : 22)));
            if (identity != null) {
                args.addAll(List.of("-i", identity, "-o", "IdentitiesOnly=yes"));
            }
            if (node != null) {
                args.addAll(List.of("-o", "SetEnv=SLIPWAY_NODE=" + node));
            }
            args.add(ssh.getUserInfo() + "@" + ssh.getHost());
            args.addAll(command);
            try {
                return new ProcessBuilder(args).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw CliException.failed("Cannot run ssh (OpenSSH's client): " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.FAILED;
            }
        }
    }
}
