package dev.slipway.gateway.ssh;

import dev.slipway.events.access.SshCommandFinished;
import dev.slipway.events.access.SshSessionClosed;
import dev.slipway.events.access.SshSessionOpened;
import dev.slipway.gateway.domain.SshTarget;
import dev.slipway.gateway.service.SessionAudit;
import dev.slipway.gateway.service.SshAccess;
import dev.slipway.platform.exec.ExecControl;
import dev.slipway.platform.exec.ExecFrames;
import dev.slipway.platform.exec.ExecRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.jboss.logging.Logger;

/**
 * One SSH channel of user {@code <project>-<env>} relayed to the runtime (SSH-3): the session is
 * audited as opened, its request sent over the exec WebSocket, the client's input pumped into stdin
 * frames, stdout and stderr frames written back, window changes and signals forwarded, and it ends
 * with the runtime's exit status. Whatever ends it first (the runtime's exit, the client leaving,
 * revoked access, the runtime failing) ends it once and is audited once.
 */
final class RelayedCommand implements Command, SessionRegistry.OpenSession {

    private static final Logger LOG = Logger.getLogger(RelayedCommand.class);

    /** Exit status when the runtime cannot be reached or refuses the session (OpenSSH uses 255 for its own failures too). */
    static final int UNREACHABLE = 255;
    /** Exit status when SLIPWAY_NODE is not a node number. */
    static final int BAD_REQUEST = 2;
    /** Variables MINA sets itself from the pty request or the login; not the client's {@code env} requests. */
    private static final Set<String> SERVER_VARIABLES = Set.of(Environment.ENV_USER, Environment.ENV_COLUMNS, Environment.ENV_LINES,
            Environment.ENV_TERM);

    /** How a session ended: the client's exit status, what the audit records, and an optional line for the client. */
    private record Outcome(int exitStatus, Integer exitCode, String signal, String reason, String message) {

        static Outcome exited(ExecControl.Exit exit) {
            return new Outcome(exit.status(), exit.exitCode(), exit.signal(), "exited", null);
        }

        /** Closing the WebSocket before the exit makes the runtime kill the process (docs/exec-interface.md). */
        static Outcome endedByGateway(String reason, String message) {
            ExecControl.Exit killed = ExecControl.Exit.bySignal("KILL");
            return new Outcome(killed.status(), null, killed.signal(), reason, message);
        }

        static Outcome failed(String reason, String message) {
            return new Outcome(UNREACHABLE, null, null, reason, message);
        }
    }

    private final ExecRelay relay;
    private final String commandLine;
    private final String sessionId = UUID.randomUUID().toString();
    private final AtomicBoolean ended = new AtomicBoolean();
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Environment environment;
    private SshAccess.KeyHolder holder;
    private SshTarget.Environment target;
    private SshAccess.Entry entry;
    private String clientAddress;
    private int node = 1;
    private Instant openedAt;
    private volatile WebSocket socket;
    private volatile boolean requested;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    /** Guarded by this: whether the opening is recorded, and an end that came before it was. */
    private boolean auditedOpen;
    private Outcome endBeforeAuditedOpen;

    RelayedCommand(ExecRelay relay, String commandLine) {
        this.relay = relay;
        this.commandLine = commandLine;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        this.environment = env;
        holder = SshSessions.holder(channel.getServerSession());
        target = (SshTarget.Environment) SshSessions.target(channel.getServerSession());
        entry = SshSessions.entry(channel.getServerSession());
        clientAddress = addressOf(channel.getServerSession().getClientAddress());
        openedAt = Instant.now();
        String requestedNode = env.getEnv().get("SLIPWAY_NODE");
        if (requestedNode != null) {
            try {
                node = Integer.parseInt(requestedNode.strip());
            } catch (NumberFormatException e) {
                node = 0;
            }
            if (node < 1) {
                ended.set(true);
                say("Slipway: SLIPWAY_NODE must be a node number (1, 2, ...)");
                exit.onExit(BAD_REQUEST);
                return;
            }
        }
        env.addSignalListener(this::signalled);
        relay.workers().execute(this::open);
    }

    @Override
    public void destroy(ChannelSession channel) {
        end(Outcome.endedByGateway("client-closed", null));
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public SshAccess.KeyHolder holder() {
        return holder;
    }

    @Override
    public SshTarget.Environment target() {
        return target;
    }

    @Override
    public SshAccess.Entry entry() {
        return entry;
    }

    @Override
    public void revoke(String reason, String message) {
        end(Outcome.endedByGateway(reason, message));
    }

    /** On a relay thread: record the opening, connect, send the request, then pump the client's input. */
    private void open() {
        try {
            relay.audit().opened(new SshSessionOpened(sessionId, target.projectId(), target.environmentId(), holder.userId(), holder.fingerprint(),
                    entry == null || entry.grantId() == null ? null : entry.grantId().toString(), node, clientAddress));
        } catch (RuntimeException e) {
            LOG.warnf("SSH session %s on %s not recorded, so refused: %s", sessionId, target.userName(), e.getMessage());
            end(Outcome.failed("audit-unavailable", "Slipway: the session cannot be recorded right now (SSH-3); please try again shortly."));
            return;
        }
        Outcome early;
        synchronized (this) {
            auditedOpen = true;
            early = endBeforeAuditedOpen;
        }
        if (early != null) {
            recordEnd(early);
            return;
        }
        relay.registry().register(this);
        if (ended.get()) {
            relay.registry().unregister(this);
            return;
        }
        URI uri = relay.execUri(target.projectId(), target.environmentId());
        Duration timeout = relay.config().connectTimeout();
        try {
            socket = relay.http().newWebSocketBuilder().header("Authorization", "Bearer " + relay.tokens().token()).connectTimeout(timeout)
                    .buildAsync(uri, new Listener()).get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            send(ws -> ws.sendText(ExecFrames.encode(request()), true)).get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            requested = true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            unreachable(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreachable(e);
            return;
        }
        if (ended.get()) {
            socket.abort();
            return;
        }
        pumpInput();
    }

    private ExecRequest request() {
        Map<String, String> variables = new HashMap<>(environment.getEnv());
        variables.keySet().removeAll(SERVER_VARIABLES);
        Map<String, String> server = environment.getEnv();
        boolean tty = !environment.getPtyModes().isEmpty() || server.containsKey(Environment.ENV_COLUMNS);
        return new ExecRequest(sessionId, holder.userId(), commandLine, tty, tty ? server.get(Environment.ENV_TERM) : null,
                tty ? number(server.get(Environment.ENV_COLUMNS)) : null, tty ? number(server.get(Environment.ENV_LINES)) : null, node, variables);
    }

    /** stdin frames until the client's EOF, on this relay thread: the next read waits for the previous frame to be sent. */
    private void pumpInput() {
        byte[] buffer = new byte[8192];
        try {
            while (!ended.get()) {
                int n = in.read(buffer);
                if (n < 0) {
                    send(ws -> ws.sendText(ExecFrames.encode(new ExecControl.Eof()), true));
                    return;
                }
                if (n > 0) {
                    ByteBuffer frame = ExecFrames.data(ExecFrames.STDIN, buffer, 0, n);
                    send(ws -> ws.sendBinary(frame, true)).join();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The channel closed (end() runs through destroy) or the runtime went away (the listener ends the session).
        }
    }

    /** MINA calls this on a window change (WINCH, with COLUMNS and LINES updated) or a client's signal request. */
    private void signalled(Channel channel, Signal signal) {
        if (socket == null || !requested || ended.get()) {
            return;
        }
        if (signal == Signal.WINCH) {
            Integer cols = number(environment.getEnv().get(Environment.ENV_COLUMNS));
            Integer rows = number(environment.getEnv().get(Environment.ENV_LINES));
            if (cols != null && rows != null) {
                send(ws -> ws.sendText(ExecFrames.encode(new ExecControl.Resize(cols, rows)), true));
            }
            return;
        }
        send(ws -> ws.sendText(ExecFrames.encode(new ExecControl.Signal(signal.name())), true));
    }

    /** The JDK's WebSocket allows one send at a time: sends are chained. */
    private synchronized CompletableFuture<WebSocket> send(Function<WebSocket, CompletableFuture<WebSocket>> frame) {
        sending = sending.handle((ws, failure) -> socket).thenCompose(frame);
        return sending;
    }

    private void unreachable(Throwable failure) {
        String why = describe(failure);
        LOG.infof("SSH session %s: the runtime of %s is not reachable: %s", sessionId, target.userName(), why);
        end(Outcome.failed("runtime-unreachable", "Slipway: the runtime of " + target.userName() + " is not reachable: " + why));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return switch (status) {
                case 401, 403 -> "deployment-service refused the gateway's credentials (HTTP " + status + ")";
                case 404 -> "deployment-service has no exec interface for it (HTTP 404)";
                default -> "deployment-service answered HTTP " + status;
            };
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Ends the session once: a line for the client, the exit status, the WebSocket closed, the audit. */
    private void end(Outcome outcome) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        relay.registry().unregister(this);
        if (outcome.message() != null) {
            say(outcome.message());
        }
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            send(open -> open.sendClose(WebSocket.NORMAL_CLOSURE, outcome.reason())).orTimeout(5, TimeUnit.SECONDS)
                    .whenComplete((closed, failure) -> ws.abort());
        }
        try {
            exit.onExit(outcome.exitStatus(), outcome.reason());
        } catch (RuntimeException e) {
            // the channel is already closing (the client left)
        }
        synchronized (this) {
            if (!auditedOpen) {
                endBeforeAuditedOpen = outcome;
                return;
            }
        }
        relay.workers().execute(() -> recordEnd(outcome));
    }

    private void recordEnd(Outcome outcome) {
        try {
            if (requested) {
                relay.audit().commandFinished(new SshCommandFinished(sessionId, target.projectId(), target.environmentId(), holder.userId(),
                        SessionAudit.recorded(commandLine), outcome.exitCode(), outcome.signal()));
            }
            relay.audit().closed(new SshSessionClosed(sessionId, target.projectId(), target.environmentId(), holder.userId(), outcome.reason(),
                    Duration.between(openedAt, Instant.now()).toMillis()));
        } catch (RuntimeException e) {
            LOG.errorf("SSH session %s on %s: its end (%s) could not be recorded: %s", sessionId, target.userName(), outcome.reason(), e.getMessage());
        }
    }

    private void say(String line) {
        try {
            err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException | RuntimeException e) {
            // the client is gone
        }
    }

    /** The runtime's frames, one at a time: the next is requested once this one is written to the channel. */
    private final class Listener implements WebSocket.Listener {

        private int stream = -1;
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (stream < 0 && data.hasRemaining()) {
                stream = data.get();
            }
            OutputStream target = stream == ExecFrames.STDERR ? err : out;
            if (stream == ExecFrames.STDOUT || stream == ExecFrames.STDERR) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                try {
                    target.write(bytes);
                    target.flush();
                } catch (IOException e) {
                    end(Outcome.endedByGateway("client-closed", null));
                }
            }
            if (last) {
                stream = -1;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                try {
                    ExecControl control = ExecFrames.decodeControl(frame);
                    if (control instanceof ExecControl.Exit exited) {
                        end(Outcome.exited(exited));
                    } else if (control instanceof ExecControl.Error error) {
                        end(Outcome.failed("runtime-error", "Slipway: the runtime of " + target.userName() + " could not run this: " + error.detail()));
                    }
                } catch (IllegalArgumentException e) {
                    end(Outcome.failed("runtime-error", "Slipway: the runtime of " + target.userName() + " sent something unexpected; the session ends."));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end(Outcome.failed("runtime-error", "Slipway: the runtime of " + target.userName() + " ended the session without an exit status."));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            unreachable(error);
        }
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String addressOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return address == null ? null : address.toString();
    }
}
