package dev.slipway.platform.database;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A PostgreSQL LISTEN/NOTIFY channel: a transaction tells the instances of its service that
 * something changed, so they act at once instead of at their next poll. NOTIFY is transactional: a
 * notice goes out when its transaction commits, never for one that rolls back, and the instance
 * that committed hears it like the others. Notices are not stored: a listener that was away may
 * have missed some, so it is told when it listens (again), and the poll a listener replaces stays
 * as the fallback.
 */
public final class PostgresChannel {

    private static final Logger LOG = Logger.getLogger(PostgresChannel.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final int WAIT_MILLIS = 250;

    /** A running listener; {@link #close()} stops it and hands its connection back before the data source closes. */
    public interface Listener extends AutoCloseable {
        @Override
        void close();
    }

    private final String name;

    /** {@code name}: lowercase letters, digits and underscores (it is written into LISTEN unquoted). */
    public PostgresChannel(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a channel name: " + name);
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Says {@code payload} on the channel when the caller's transaction commits. */
    public void notify(EntityManager entityManager, String payload) {
        entityManager.createNativeQuery("SELECT pg_notify(:channel, :payload)").setParameter("channel", name)
                .setParameter("payload", payload).getSingleResult();
    }

    /**
     * Listens on a dedicated connection of {@code dataSource} in a daemon thread, reconnecting with
     * backoff while the database is away. {@code notices} gets the payloads of each batch heard;
     * {@code listening} runs each time the connection listens, first or again: whatever was said
     * before may not have been heard.
     */
    public Listener listen(DataSource dataSource, Consumer<List<String>> notices, Runnable listening) {
        ListenLoop loop = new ListenLoop(dataSource, notices, listening);
        Thread thread = new Thread(loop, "listen-" + name);
        thread.setDaemon(true);
        thread.start();
        return () -> {
            loop.running = false;
            thread.interrupt();
            try {
                thread.join(2 * WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private final class ListenLoop implements Runnable {
        private final DataSource dataSource;
        private final Consumer<List<String>> notices;
        private final Runnable listening;
        private volatile boolean running = true;

        ListenLoop(DataSource dataSource, Consumer<List<String>> notices, Runnable listening) {
            this.dataSource = dataSource;
            this.notices = notices;
            this.listening = listening;
        }

        @Override
        public void run() {
            Duration backoff = Duration.ofMillis(250);
            boolean failing = false;
            while (running) {
                try (Connection connection = dataSource.getConnection()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("LISTEN " + name);
                    }
                    PGConnection pg = connection.unwrap(PGConnection.class);
                    if (failing) {
                        LOG.infof("Listening on %s again", name);
                    }
                    failing = false;
                    backoff = Duration.ofMillis(250);
                    try {
                        listening.run();
                        while (running) {
                            PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                            if (received != null && received.length > 0) {
                                List<String> payloads = new ArrayList<>(received.length);
                                for (PGNotification notice : received) {
                                    payloads.add(notice.getParameter());
                                }
                                notices.accept(payloads);
                            }
                        }
                    } finally {
                        unlisten(connection);
                    }
                } catch (SQLException | RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    if (!failing) {
                        LOG.warnf("Not listening on %s (%s); retrying, polling meanwhile", name, e.getMessage());
                    }
                    failing = true;
                    try {
                        Thread.sleep(backoff.toMillis());
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        }
    }

    /** The connection goes back to the pool: it must not keep collecting notices there. */
    private static void unlisten(Connection connection) {
        try {
            if (connection.isClosed()) {
                return;
            }
        } catch (SQLException e) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException e) {
            // a broken connection listens to nothing
        }
    }
}
