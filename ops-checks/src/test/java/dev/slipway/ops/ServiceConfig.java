package dev.slipway.ops;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a service reads, collected from its sources so that a renamed key fails the
 * checks: the keys of {@code application.properties} and of the shared
 * {@code META-INF/microprofile-config.properties} (profile keys such as {@code %test.} left out), the
 * environment variables their values name ({@code ${SLIPWAY_GIT_ROOT:...}}), every
 * {@code @ConfigMapping} interface's keys (methods, {@code @WithName}, nested groups),
 * {@code @ConfigProperty(name = ...)} keys, and {@link #QUARKUS} for keys of Quarkus extensions the
 * deployments set that no file of the project names. Environment variable names follow SmallRye
 * Config: the key upper-cased, every other character than a letter or digit an underscore.
 */
record ServiceConfig(String service, int httpPort, Map<String, String> keysByEnv, List<String> topics) {

    /** Keys of Quarkus extensions set by k8s/ or docker/, with why each is read (see the Quarkus guides). */
    static final Map<String, String> QUARKUS = Map.of(
            "quarkus.datasource.password", "quarkus-jdbc-postgresql / Agroal: the database password",
            "quarkus.oidc-client.auth-server-url", "quarkus-oidc-client: the provider, for SEC-4 client credentials (slipway.service-token.mode=oidc)",
            "quarkus.oidc-client.client-id", "quarkus-oidc-client: this service's client id",
            "quarkus.oidc-client.credentials.secret", "quarkus-oidc-client: this service's client secret",
            "quarkus.log.level", "Quarkus logging: the root level");

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");
    private static final Pattern METHOD = Pattern.compile("^\\s*([A-Za-z][\\w.]*(?:<[\\w.<>, ?]+>)?)\\s+(\\w+)\\(\\)\\s*;\\s*$");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private static final Map<String, ServiceConfig> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    static ServiceConfig of(String service) {
        return CACHE.computeIfAbsent(service, ServiceConfig::collect);
    }

    static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Whether the service reads the environment variable as one of its keys. */
    boolean reads(String env) {
        return keysByEnv.containsKey(env);
    }

    private static ServiceConfig collect(String service) {
        Map<String, String> keys = new TreeMap<>();
        Properties own = properties(service + "/src/main/resources/application.properties");
        for (String file : List.of("platform/runtime/src/main/resources/META-INF/microprofile-config.properties",
                service + "/src/main/resources/application.properties")) {
            Properties properties = properties(file);
            for (String key : properties.stringPropertyNames()) {
                if (!key.startsWith("%")) {
                    keys.put(envName(key), key);
                }
                Matcher env = ENV_REFERENCE.matcher(properties.getProperty(key));
                while (env.find()) {
                    keys.put(env.group(1), "${" + env.group(1) + "} in " + key);
                }
            }
        }
        for (String sources : List.of("platform/runtime/src/main/java", service + "/src/main/java")) {
            Checkout.javaFiles(Checkout.path(sources)).forEach(file -> {
                String text = Checkout.read(file);
                Matcher mapping = MAPPING.matcher(text);
                if (mapping.find()) {
                    mappingKeys(mapping.group(1), text).forEach(key -> keys.put(envName(key), key));
                }
                Matcher property = PROPERTY.matcher(text);
                while (property.find()) {
                    keys.put(envName(property.group(1)), property.group(1));
                }
            });
        }
        QUARKUS.keySet().forEach(key -> keys.put(envName(key), key));
        int port = Integer.parseInt(own.getProperty("quarkus.http.port"));
        String topics = own.getProperty("slipway.events.topics", "");
        return new ServiceConfig(service, port, Map.copyOf(keys),
                topics.isBlank() ? List.of() : Arrays.stream(topics.split(",")).map(String::trim).toList());
    }

    /** The keys of one {@code @ConfigMapping} interface's source: its methods, and those of the groups it nests. */
    static Set<String> mappingKeys(String prefix, String source) {
        return new TreeSet<>(mapping(prefix, source).keySet());
    }

    /** What a mapping says of one key: its default ({@code @WithDefault}) and its Javadoc's text. */
    record Documented(String defaultValue, String javadoc) {
    }

    /** Each key of one {@code @ConfigMapping} interface's source with its default and Javadoc, nested groups expanded. */
    static Map<String, Documented> mapping(String prefix, String source) {
        Map<String, List<String[]>> methods = new LinkedHashMap<>();
        Deque<Object[]> open = new ArrayDeque<>();
        String pendingInterface = null;
        String pendingName = null;
        String pendingDefault = null;
        StringBuilder javadoc = null;
        String lastJavadoc = "";
        int depth = 0;
        // A string literal continued with + on the next line is one literal here.
        String joined = source.replaceAll("\"\\s*\\+\\s*\"", "");
        for (String line : joined.split("\n")) {
            String code = line.strip();
            if (code.startsWith("/**")) {
                javadoc = new StringBuilder();
                code = code.substring(3);
            }
            if (javadoc != null) {
                boolean end = code.endsWith("*/");
                String text = end ? code.substring(0, code.length() - 2) : code;
                javadoc.append(' ').append(text.startsWith("*") ? text.substring(1).strip() : text.strip());
                if (end) {
                    lastJavadoc = javadoc.toString().strip();
                    javadoc = null;
                }
                continue;
            }
            if (code.startsWith("//")) {
                continue;
            }
            Matcher named = INTERFACE.matcher(code);
            if (named.find()) {
                pendingInterface = named.group(1);
                methods.putIfAbsent(pendingInterface, new ArrayList<>());
            }
            Matcher withName = WITH_NAME.matcher(code);
            if (withName.find()) {
                pendingName = withName.group(1);
            }
            Matcher withDefault = WITH_DEFAULT.matcher(code);
            if (withDefault.find()) {
                pendingDefault = withDefault.group(1);
            }
            Matcher method = METHOD.matcher(line);
            if (method.matches() && !open.isEmpty()) {
                methods.get((String) open.peek()[0]).add(new String[] {method.group(1), pendingName != null ? pendingName : kebab(method.group(2)),
                        pendingDefault, lastJavadoc});
                pendingName = null;
                pendingDefault = null;
                lastJavadoc = "";
            }
            for (char c : code.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").toCharArray()) {
                if (c == '{') {
                    depth++;
                    if (pendingInterface != null) {
                        open.push(new Object[] {pendingInterface, depth});
                        pendingInterface = null;
                        lastJavadoc = "";
                    }
                } else if (c == '}') {
                    if (!open.isEmpty() && (int) open.peek()[1] == depth) {
                        open.pop();
                    }
                    depth--;
                }
            }
        }
        Map<String, Documented> keys = new TreeMap<>();
        if (!methods.isEmpty()) {
            expand(methods, methods.keySet().iterator().next(), prefix + ".", keys);
        }
        return keys;
    }

    private static void expand(Map<String, List<String[]>> methods, String type, String prefix, Map<String, Documented> keys) {
        for (String[] method : methods.get(type)) {
            if (methods.containsKey(method[0]) && !method[0].equals(type)) {
                expand(methods, method[0], prefix + method[1] + ".", keys);
            } else {
                keys.put(prefix + method[1], new Documented(method[2], method[3]));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Properties properties(String relative) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Checkout.read(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
