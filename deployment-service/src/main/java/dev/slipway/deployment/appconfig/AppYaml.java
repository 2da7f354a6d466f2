package dev.slipway.deployment.appconfig;

import dev.slipway.deployment.appconfig.AppConfig.Cron;
import dev.slipway.deployment.appconfig.AppConfig.Hooks;
import dev.slipway.deployment.appconfig.AppConfig.Relationship;
import dev.slipway.deployment.appconfig.YamlNode.Entry;
import dev.slipway.deployment.appconfig.YamlNode.Mapping;
import dev.slipway.deployment.appconfig.YamlNode.Scalar;
import dev.slipway.events.ProjectRole;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of app.yaml (CFG-2): reads a parsed document into an {@link AppConfig}, reporting
 * every broken rule with the line of the key it is about.
 */
final class AppYaml {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]*:[A-Za-z0-9_.-]+");
    private static final Pattern RELATIONSHIP = Pattern.compile("([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)");
    /** Magento Cloud's older mount form, {@code "/var": "shared:files/var"}. */
    private static final Pattern LEGACY_MOUNT = Pattern.compile("shared:files/(.+)");

    private final FileProblems problems;

    private AppYaml(FileProblems problems) {
        this.problems = problems;
    }

    /**
     * The configuration in {@code root}, or null when a rule is broken (each one is in
     * {@code problems}). {@code services} are the names services.yaml defines, to check
     * relationships against, or null when services.yaml could not be read (no check then);
     * {@code servicesFile} is its path, or null when the commit has none.
     */
    static AppConfig read(YamlNode root, FileProblems problems, Set<String> services, String servicesFile) {
        return new AppYaml(problems).read(root, services, servicesFile);
    }

    private AppConfig read(YamlNode root, Set<String> services, String servicesFile) {
        if (root == null) {
            problems.add(1, "is empty; it needs at least name and type");
            return null;
        }
        if (!(root instanceof Mapping app)) {
            problems.add(root.line(), "the top level must be a mapping of keys to values, not " + root.describe());
            return null;
        }
        int before = problems.count();
        String name = required(app, "name", NAME, "1-64 of a-z, A-Z, 0-9, '_' and '-', starting with a letter or digit");
        String type = required(app, "type", TYPE, "'<runtime>:<version>', e.g. php:8.3");
        Hooks hooks = hooks(app);
        ProjectRole sshRole = sshRole(app);
        Map<String, Cron> crons = crons(app);
        OptionalInt disk = disk(app);
        Map<String, Map<String, Object>> mounts = mounts(app);
        Map<String, Relationship> relationships = relationships(app, services, servicesFile);
        Map<String, Object> web = app.get("web").map(entry -> mapping(entry, "web")).map(Mapping::plain).orElse(Map.of());
        if (problems.count() > before) {
            return null;
        }
        return new AppConfig(name, type, hooks, sshRole, crons, disk, mounts, relationships, web, app.plain());
    }

    private String required(Mapping app, String key, Pattern pattern, String expected) {
        Optional<Entry> entry = app.get(key);
        if (entry.isEmpty()) {
            problems.add(app.line(), key + " is required");
            return null;
        }
        String value = string(entry.get(), key, "a string");
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(entry.get().keyLine(), key + " must be " + expected + ", not '" + value + "'");
            return null;
        }
        return value;
    }

    private Hooks hooks(Mapping app) {
        Optional<Mapping> hooks = app.get("hooks").map(entry -> mapping(entry, "hooks"));
        if (hooks.isEmpty()) {
            return Hooks.NONE;
        }
        return new Hooks(script(hooks.get(), "build"), script(hooks.get(), "deploy"), script(hooks.get(), "post_deploy"));
    }

    /** A hook: a string, or nothing when absent or left empty ({@code build:}). */
    private Optional<String> script(Mapping hooks, String key) {
        Optional<Entry> entry = hooks.get(key);
        if (entry.isEmpty() || isNull(entry.get().value())) {
            return Optional.empty();
        }
        return Optional.ofNullable(string(entry.get(), "hooks." + key, "a string (a shell script)"));
    }

    private ProjectRole sshRole(Mapping app) {
        Optional<Entry> ssh = app.get("access").map(entry -> mapping(entry, "access")).flatMap(access -> access.get("ssh"));
        if (ssh.isEmpty()) {
            return AppConfig.DEFAULT_SSH_ROLE;
        }
        String role = string(ssh.get(), "access.ssh", "a role (viewer, contributor or admin)");
        if (role == null) {
            return AppConfig.DEFAULT_SSH_ROLE;
        }
        try {
            return ProjectRole.fromWire(role);
        } catch (IllegalArgumentException e) {
            problems.add(ssh.get().keyLine(), "access.ssh must be one of viewer, contributor, admin, not '" + role + "'");
            return AppConfig.DEFAULT_SSH_ROLE;
        }
    }

    private Map<String, Cron> crons(Mapping app) {
        Map<String, Cron> crons = new LinkedHashMap<>();
        Optional<Mapping> all = app.get("crons").map(entry -> mapping(entry, "crons"));
        if (all.isEmpty()) {
            return crons;
        }
        for (Entry entry : all.get().entries().values()) {
            String path = "crons." + entry.key();
            Mapping cron = mapping(entry, path);
            if (cron == null) {
                continue;
            }
            String spec = requiredString(cron, entry, path, "spec", "a cron schedule such as '*/5 * * * *'");
            String cmd = requiredString(cron, entry, path, "cmd", "a string (a shell command)");
            String specProblem = spec == null ? null : CronSpec.problemWith(spec);
            if (specProblem != null) {
                problems.add(cron.get("spec").orElseThrow().keyLine(), path + ".spec '" + spec + "' " + specProblem);
            }
            if (cmd != null && cmd.isBlank()) {
                problems.add(cron.get("cmd").orElseThrow().keyLine(), path + ".cmd must not be empty");
            }
            if (spec != null && specProblem == null && cmd != null && !cmd.isBlank()) {
                crons.put(entry.key(), new Cron(new CronSpec(spec), cmd));
            }
        }
        return crons;
    }

    private String requiredString(Mapping parent, Entry parentEntry, String parentPath, String key, String expected) {
        Optional<Entry> entry = parent.get(key);
        if (entry.isEmpty()) {
            problems.add(parentEntry.keyLine(), parentPath + "." + key + " is required");
            return null;
        }
        return string(entry.get(), parentPath + "." + key, expected);
    }

    private OptionalInt disk(Mapping app) {
        Optional<Entry> entry = app.get("disk");
        if (entry.isEmpty()) {
            return OptionalInt.empty();
        }
        YamlNode value = entry.get().value();
        Object number = value instanceof Scalar scalar ? scalar.value() : null;
        BigInteger disk = number instanceof Long l ? BigInteger.valueOf(l) : number instanceof BigInteger b ? b : null;
        if (disk == null) {
            problems.add(entry.get().keyLine(), "disk must be a positive integer (MB), not " + value.describe());
            return OptionalInt.empty();
        }
        if (disk.signum() <= 0 || disk.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            problems.add(entry.get().keyLine(), "disk must be a positive integer (MB) up to " + Integer.MAX_VALUE + ", not " + disk);
            return OptionalInt.empty();
        }
        return OptionalInt.of(disk.intValue());
    }

    /**
     * Mount paths are relative to the application root and stay inside it: a leading '/' is
     * Magento's way of writing the same relative path and is dropped; '..' and '.' segments are
     * refused, in the path and in a definition's {@code source_path}.
     */
    private Map<String, Map<String, Object>> mounts(Mapping app) {
        Map<String, Map<String, Object>> mounts = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        Optional<Mapping> all = app.get("mounts").map(entry -> mapping(entry, "mounts"));
        if (all.isEmpty()) {
            return mounts;
        }
        for (Entry entry : all.get().entries().values()) {
            String label = "mounts: path '" + entry.key() + "'";
            String problem = relativePathProblem(entry.key());
            if (problem != null) {
                problems.add(entry.keyLine(), label + " " + problem);
                continue;
            }
            String path = normalized(entry.key());
            Map<String, Object> definition = mountDefinition(entry, label);
            if (definition == null) {
                continue;
            }
            Integer first = lines.putIfAbsent(path, entry.keyLine());
            if (first != null) {
                problems.add(entry.keyLine(), label + " is the same mount as the one at line " + first);
                continue;
            }
            mounts.put(path, definition);
        }
        return mounts;
    }

    private Map<String, Object> mountDefinition(Entry entry, String label) {
        YamlNode value = entry.value();
        if (value instanceof Scalar scalar && scalar.value() instanceof String text) {
            Matcher legacy = LEGACY_MOUNT.matcher(text);
            if (legacy.matches()) {
                Map<String, Object> definition = new LinkedHashMap<>();
                definition.put("source", "local");
                definition.put("source_path", legacy.group(1));
                return checkedSourcePath(Collections.unmodifiableMap(definition), entry, label);
            }
        }
        if (!(value instanceof Mapping mapping)) {
            problems.add(entry.keyLine(), label + " must be defined by a mapping (e.g. source: local, source_path: var)"
                    + " or 'shared:files/<path>', not " + value.describe());
            return null;
        }
        return checkedSourcePath(mapping.plain(), entry, label);
    }

    private Map<String, Object> checkedSourcePath(Map<String, Object> definition, Entry entry, String label) {
        Object sourcePath = definition.get("source_path");
        if (sourcePath == null) {
            return definition;
        }
        String problem = sourcePath instanceof String text ? relativePathProblem(text) : "must be a string";
        if (problem != null) {
            problems.add(entry.keyLine(), label + ": source_path " + (sourcePath instanceof String ? "'" + sourcePath + "' " : "") + problem);
            return null;
        }
        return definition;
    }

    static String relativePathProblem(String path) {
        String trimmed = normalized(path);
        if (trimmed.isEmpty()) {
            return "is empty (it must name a directory below the application root)";
        }
        if (trimmed.contains("\\") || trimmed.chars().anyMatch(c -> c < 0x20)) {
            return "must not contain backslashes or control characters";
        }
        for (String segment : trimmed.split("/", -1)) {
            if (segment.equals("..")) {
                return "must not contain '..' (it must stay below the application root)";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "must not contain empty or '.' segments";
            }
        }
        return null;
    }

    private static String normalized(String path) {
        String result = path.trim();
        if (result.startsWith("/")) {
            result = result.substring(1);
        }
        if (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private Map<String, Relationship> relationships(Mapping app, Set<String> services, String servicesFile) {
        Map<String, Relationship> relationships = new LinkedHashMap<>();
        Optional<Mapping> all = app.get("relationships").map(entry -> mapping(entry, "relationships"));
        if (all.isEmpty()) {
            return relationships;
        }
        for (Entry entry : all.get().entries().values()) {
            String path = "relationships." + entry.key();
            String value = string(entry, path, "'<service>:<endpoint>', e.g. mysql:mysql");
            if (value == null) {
                continue;
            }
            Matcher matcher = RELATIONSHIP.matcher(value);
            if (!matcher.matches()) {
                problems.add(entry.keyLine(), path + " must be '<service>:<endpoint>', e.g. mysql:mysql, not '" + value + "'");
                continue;
            }
            String service = matcher.group(1);
            if (services != null && !services.contains(service)) {
                problems.add(entry.keyLine(), path + " names service '" + service + "', which "
                        + (servicesFile == null ? "no services file (.slipway/services.yaml or .magento/services.yaml) defines"
                                : servicesFile + " does not define"));
                continue;
            }
            relationships.put(entry.key(), new Relationship(service, matcher.group(2)));
        }
        return relationships;
    }

    /** The entry's value as a mapping; an empty value ({@code crons:}) is an empty mapping. */
    private Mapping mapping(Entry entry, String path) {
        YamlNode value = entry.value();
        if (value instanceof Mapping mapping) {
            return mapping;
        }
        if (isNull(value)) {
            return new Mapping(entry.keyLine(), Map.of());
        }
        problems.add(entry.keyLine(), path + " must be a mapping, not " + value.describe());
        return null;
    }

    private String string(Entry entry, String path, String expected) {
        YamlNode value = entry.value();
        if (value instanceof Scalar scalar && scalar.value() instanceof String text) {
            return text;
        }
        problems.add(entry.keyLine(), path + " must be " + expected + ", not " + value.describe());
        return null;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof Scalar scalar && scalar.value() == null;
    }
}
