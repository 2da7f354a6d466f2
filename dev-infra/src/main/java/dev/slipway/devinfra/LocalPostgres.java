package dev.slipway.devinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL server that local runs and tests use: the machine's server on 127.0.0.1:5432 when
 * one answers, otherwise a private cluster under {@code .slipway/postgres} started from the
 * installed PostgreSQL binaries.
 */
public final class LocalPostgres {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** No shared server to look for: a dedicated cluster only. */
    private static final int NONE = -1;

    private final String host;
    private final int sharedPort;
    private final int privatePort;
    private final String user;
    private final Path clusterDir;

    public LocalPostgres(SlipwayHome home) {
        this(LocalKafka.intEnv("SLIPWAY_PG_PORT", 5432), LocalKafka.intEnv("SLIPWAY_PG_PRIVATE_PORT", 5433), home.state("postgres"));
    }

    private LocalPostgres(int sharedPort, int privatePort, Path clusterDir) {
        this.host = env("SLIPWAY_PG_HOST", "127.0.0.1");
        this.sharedPort = sharedPort;
        this.privatePort = privatePort;
        this.user = env("SLIPWAY_PG_USER", "postgres");
        this.clusterDir = clusterDir;
    }

    /**
     * A cluster of this checkout's own on {@code port}, whatever else runs: for tests that stop and
     * restart their database without touching the machine's. Its files live in the system's temporary
     * folder ({@link #dedicatedClusterDir}), which user postgres can always reach, wherever the
     * checkout is (a checkout under /root is not reachable for it).
     */
    public static LocalPostgres dedicated(SlipwayHome home, String name, int port) {
        return new LocalPostgres(NONE, port, dedicatedClusterDir(home, name));
    }

    /** {@code <tmp>/slipway-<name>-<checkout>}: one per checkout and name. */
    public static Path dedicatedClusterDir(SlipwayHome home, String name) {
        String checkout = Integer.toHexString(home.root().toString().hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "slipway-" + name + "-" + checkout);
    }

    /** Where a server answers, after starting the private cluster if nothing else does. */
    public record Endpoint(String host, int port, String user, boolean privateCluster) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public Endpoint ensureRunning() {
        if (sharedPort != NONE && answers(sharedPort)) {
            return new Endpoint(host, sharedPort, user, false);
        }
        Path dir = clusterDir();
        if (!answers(privatePort)) {
            startPrivateCluster(dir);
        }
        return new Endpoint(host, privatePort, "postgres", true);
    }

    /** The endpoint answering now, if any, without starting anything. */
    public Optional<Endpoint> running() {
        if (sharedPort != NONE && answers(sharedPort)) {
            return Optional.of(new Endpoint(host, sharedPort, user, false));
        }
        if (answers(privatePort)) {
            return Optional.of(new Endpoint(host, privatePort, "postgres", true));
        }
        return Optional.empty();
    }

    public Path clusterDir() {
        return clusterDir;
    }

    /** Restarts the private cluster the way an operator would ({@code pg_ctl restart -m fast}): every connection is cut. */
    public void restartPrivateCluster() {
        Path binaries = binaries().orElseThrow(() -> new InfraException("pg_ctl not found"));
        Processes.run(asPostgres(List.of(binaries.resolve("pg_ctl").toString(), "-D", clusterDir().toString(), "-m", "fast", "-w", "-t", "60",
                "-o", serverOptions(clusterDir()), "restart")), Duration.ofMinutes(2));
    }

    /** Starts the private cluster again after {@link #stopPrivateCluster()}. */
    public void startPrivateCluster() {
        startPrivateCluster(clusterDir());
    }

    /** Stops the private cluster if this project started one; the machine's server is never touched. */
    public boolean stopPrivateCluster() {
        Path dir = clusterDir();
        if (!Files.exists(dir.resolve("postmaster.pid"))) {
            return false;
        }
        Path binaries = binaries().orElseThrow(() -> new InfraException("pg_ctl not found"));
        Processes.run(asPostgres(List.of(binaries.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "fast", "-w", "stop")),
                Duration.ofMinutes(1));
        return true;
    }

    public void createDatabase(Endpoint endpoint, String name) {
        requireValidName(name);
        try (Connection connection = connect(endpoint, "postgres");
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by another process
            }
            throw new InfraException("Cannot create database " + name + " on " + endpoint.jdbcUrl("postgres") + ": " + e.getMessage(), e);
        }
    }

    public void dropDatabase(Endpoint endpoint, String name) {
        requireValidName(name);
        try (Connection connection = connect(endpoint, "postgres"); Statement drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new InfraException("Cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Names of databases starting with {@code prefix}, to clean up what earlier test runs left. */
    public List<String> databasesStartingWith(Endpoint endpoint, String prefix) {
        List<String> names = new ArrayList<>();
        try (Connection connection = connect(endpoint, "postgres");
             PreparedStatement query = connection.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            query.setString(1, prefix.replace("_", "\\_") + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new InfraException("Cannot list databases: " + e.getMessage(), e);
        }
        return names;
    }

    private static void requireValidName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a database name: " + name);
        }
    }

    private boolean answers(int port) {
        if (!Processes.portOpen(host, port)) {
            return false;
        }
        boolean privateCluster = port != sharedPort;
        try (Connection ignored = connect(new Endpoint(host, port, privateCluster ? "postgres" : user, privateCluster), "postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A connection to {@code database} at {@code endpoint} (what a check of the services' own tables reads). */
    public static Connection connect(Endpoint endpoint, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", endpoint.user());
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "3");
        return DriverManager.getConnection(endpoint.jdbcUrl(database), properties);
    }

    private void startPrivateCluster(Path dir) {
        Path binaries = binaries().orElseThrow(() -> new InfraException(
                "No PostgreSQL answers on " + host + ":" + sharedPort + " and no PostgreSQL server binaries are installed. "
                        + "Install them (Debian/Ubuntu: apt-get install postgresql) or start a server on port " + sharedPort + "."));
        try {
            if (!Files.exists(dir.resolve("PG_VERSION"))) {
                Files.createDirectories(dir);
                chownToPostgres(dir);
                Processes.run(asPostgres(List.of(binaries.resolve("initdb").toString(), "-D", dir.toString(),
                        "-U", "postgres", "--auth-host=trust", "--auth-local=trust", "-E", "UTF8")), Duration.ofMinutes(2));
            }
            Processes.run(asPostgres(List.of(binaries.resolve("pg_ctl").toString(), "-D", dir.toString(),
                    "-o", serverOptions(dir), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start")), Duration.ofMinutes(2));
        } catch (IOException e) {
            throw new InfraException("Cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        if (!Processes.await(() -> answers(privatePort), Duration.ofSeconds(30))) {
            throw new InfraException("The private PostgreSQL cluster did not answer on port " + privatePort + "; see " + dir.resolve("server.log"));
        }
    }

    private String serverOptions(Path dir) {
        return "-p " + privatePort + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir;
    }

    /** initdb refuses to run as root, so as root the cluster belongs to user postgres. */
    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void chownToPostgres(Path dir) {
        if (runningAsRoot()) {
            Processes.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(30));
            // postgres must be able to reach the folder through its parents
            Processes.run(List.of("chmod", "o+x", dir.getParent().toString()), Duration.ofSeconds(30));
        }
    }

    /** The newest installed server binaries: /usr/lib/postgresql/N/bin, or pg_ctl on the PATH. */
    static Optional<Path> binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparingInt(bin -> parseVersion(bin.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException ignored) {
                // fall through to the PATH
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(":")) {
            Path candidate = Path.of(entry);
            if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("pg_ctl"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
