package dev.slipway.gateway.ssh;

import dev.slipway.gateway.config.ExecConfig;
import dev.slipway.gateway.service.SessionAudit;
import dev.slipway.platform.exec.ExecFrames;
import dev.slipway.platform.client.ServiceTokenSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * SSH-3: commands and shells of user {@code <project>-<env>} relayed to deployment-service's exec
 * interface (docs/exec-interface.md) over a WebSocket, one per SSH channel ({@link RelayedCommand}).
 * Blocking work (audit transactions, reading the client's input, writing the runtime's output into
 * the channel) runs on this relay's own threads, never on MINA's I/O threads.
 */
@ApplicationScoped
public class ExecRelay implements EnvironmentCommands {

    private final ExecConfig config;
    private final ServiceTokenSource tokens;
    private final SessionAudit audit;
    private final SessionRegistry registry;
    private final ExecutorService workers;
    private final HttpClient http;

    public ExecRelay(ExecConfig config, ServiceTokenSource tokens, SessionAudit audit, SessionRegistry registry) {
        this.config = config;
        this.tokens = tokens;
        this.audit = audit;
        this.registry = registry;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "ssh-exec-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).executor(workers).build();
    }

    @Override
    public Command command(ChannelSession channel, String commandLine) {
        return new RelayedCommand(this, commandLine);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        workers.shutdown();
    }

    /** The exec WebSocket of an environment: the configured base URL with {@code ws} or {@code wss}. */
    URI execUri(String projectId, String environmentId) {
        URI base = config.url();
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        String path = (base.getPath() == null ? "" : base.getPath().replaceAll("/+$", ""))
                + ExecFrames.path(encode(projectId), encode(environmentId));
        return URI.create(scheme + "://" + base.getRawAuthority() + path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    ExecConfig config() {
        return config;
    }

    ServiceTokenSource tokens() {
        return tokens;
    }

    SessionAudit audit() {
        return audit;
    }

    SessionRegistry registry() {
        return registry;
    }

    ExecutorService workers() {
        return workers;
    }

    HttpClient http() {
        return http;
    }
}
