package dev.slipway.deployment.exec;

import dev.slipway.deployment.clients.EffectiveVariable;
import dev.slipway.deployment.clients.VariablesClient;
import dev.slipway.deployment.runner.EnvironmentRef;
import dev.slipway.deployment.runner.ExecSession;
import dev.slipway.deployment.runner.Runner;
import dev.slipway.deployment.service.DeploymentPipeline;
import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.exec.ExecControl;
import dev.slipway.platform.exec.ExecFrames;
import dev.slipway.platform.exec.ExecRequest;
import dev.slipway.platform.security.Groups;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The exec interface (SSH-3, docs/exec-interface.md): the gateway's sessions and commands run in an
 * environment's current release on a node, with its runtime variables, streams relayed in frames,
 * the exit code returned. Only the {@code service} group may open one (SEC-4); a connection closed
 * before the exit kills what it started.
 */
@ApplicationScoped
public class ExecEndpoint {

    private static final Logger LOG = Logger.getLogger(ExecEndpoint.class);
    private static final String PATH = "/api/v1/internal/projects/:project/environments/:environment/exec";
    private static final int CHUNK = 8 * 1024;

    private final JWTParser tokens;
    private final Runner runner;
    private final VariablesClient variables;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "exec-session");
        thread.setDaemon(true);
        return thread;
    });

    public ExecEndpoint(JWTParser tokens, Runner runner, VariablesClient variables) {
        this.tokens = tokens;
        this.runner = runner;
        this.variables = variables;
    }

    void routes(@Observes Router router) {
        router.route(PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext context) {
        String project = context.pathParam("project");
        String environment = context.pathParam("environment");
        String authorization = context.request().getHeader("Authorization");
        if (!isService(authorization)) {
            context.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"urn:slipway:problem:unauthenticated\",\"title\":\"Unauthorized\",\"status\":401,"
                            + "\"detail\":\"A bearer token of group service is required (SEC-4).\"}");
            return;
        }
        if (!EnvironmentRef.isValid(project, environment)) {
            context.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"urn:slipway:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"No such environment.\"}");
            return;
        }
        context.request().toWebSocket().onSuccess(socket -> new Connection(socket, new EnvironmentRef(project, environment)))
                .onFailure(failure -> LOG.debugf("Exec upgrade failed: %s", failure.toString()));
    }

    private boolean isService(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            JsonWebToken token = tokens.parse(authorization.substring("Bearer ".length()));
            return token.getGroups().contains(Groups.SERVICE);
        } catch (Exception invalid) {
            return false;
        }
    }

    /** One exec connection: the request, then the process and its streams. */
    private final class Connection {

        private final ServerWebSocket socket;
        private final EnvironmentRef environment;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final ExecutorService input = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "exec-stdin");
            thread.setDaemon(true);
            return thread;
        });
        private volatile ExecSession session;
        private volatile boolean requested;

        Connection(ServerWebSocket socket, EnvironmentRef environment) {
            this.socket = socket;
            this.environment = environment;
            socket.textMessageHandler(this::text);
            socket.binaryMessageHandler(this::binary);
            socket.closeHandler(ignored -> closed());
        }

        private void text(String frame) {
            if (!requested) {
                requested = true;
                ExecRequest request;
                try {
                    request = ExecFrames.decodeRequest(frame);
                } catch (RuntimeException e) {
                    error("The first frame must be the exec request: " + e.getMessage());
                    return;
                }
                workers.execute(() -> start(request));
                return;
            }
            ExecControl control;
            try {
                control = ExecFrames.decodeControl(frame);
            } catch (RuntimeException unknown) {
                return;
            }
            ExecSession current = session;
            if (current == null) {
                return;
            }
            if (control instanceof ExecControl.Signal signal) {
                current.signal(signal.signal());
            } else if (control instanceof ExecControl.Eof) {
                input.execute(() -> closeQuietly(current));
            }
        }

        private void binary(Buffer frame) {
            ExecSession current = session;
            if (current == null) {
                return;
            }
            ExecFrames.Data data = ExecFrames.data(ByteBuffer.wrap(frame.getBytes()));
            if (data.stream() == ExecFrames.STDIN) {
                input.execute(() -> {
                    try {
                        current.stdin().write(data.bytes());
                        current.stdin().flush();
                    } catch (IOException gone) {
                        // The process stopped reading; its exit says the rest.
                    }
                });
            }
        }

        private void start(ExecRequest request) {
            try {
                if (request.node() < 1 || request.node() > EnvironmentType.ofEnvironmentId(environment.environment()).nodes()) {
                    error("Environment " + environment.environment() + " has no node " + request.node() + ".");
                    return;
                }
                Map<String, String> env = new HashMap<>(runtimeVariables(environment));
                if (request.env() != null) {
                    env.putAll(request.env());
                }
                dev.slipway.deployment.runner.ExecRequest run = request.command() == null
                        ? dev.slipway.deployment.runner.ExecRequest.shell(env)
                        : dev.slipway.deployment.runner.ExecRequest.command(request.command(), env);
                session = runner.exec(environment, request.node(), run);
            } catch (Exception e) {
                error("The runtime could not start this: " + e.getMessage());
                return;
            }
            ExecSession current = session;
            Thread out = pump(current.stdout(), ExecFrames.STDOUT);
            Thread err = pump(current.stderr(), ExecFrames.STDERR);
            try {
                int exitCode = current.await();
                out.join();
                err.join();
                finish(ExecFrames.encode(ExecControl.Exit.ofStatus(exitCode)));
            } catch (InterruptedException e) {
                current.kill();
                Thread.currentThread().interrupt();
            }
        }

        private Thread pump(InputStream stream, byte id) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[CHUNK];
                try {
                    int read;
                    while ((read = stream.read(buffer)) >= 0) {
                        if (read > 0) {
                            ByteBuffer frame = ExecFrames.data(id, buffer, 0, read);
                            byte[] bytes = new byte[frame.remaining()];
                            frame.get(bytes);
                            // Back-pressure: the next read waits for this frame to be written.
                            socket.writeBinaryMessage(Buffer.buffer(bytes)).toCompletionStage().toCompletableFuture().join();
                        }
                    }
                } catch (Exception closed) {
                    // The connection or the process ended; the exit frame or the close says the rest.
                }
            }, "exec-output");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private void error(String detail) {
            finish(ExecFrames.encode(new ExecControl.Error(detail)));
        }

        private void finish(String frame) {
            if (ended.compareAndSet(false, true)) {
                socket.writeTextMessage(frame).onComplete(ignored -> socket.close());
                input.shutdown();
            }
        }

        /** A connection closed before the exit: what it started is killed (docs/exec-interface.md). */
        private void closed() {
            input.shutdownNow();
            ExecSession current = session;
            if (current != null && ended.compareAndSet(false, true)) {
                current.kill();
            }
        }
    }

    /** The environment's runtime variables (VAR-1: {@code env:} names as OS variables; all in SLIPWAY_VARIABLES). */
    private Map<String, String> runtimeVariables(EnvironmentRef environment) {
        List<EffectiveVariable> effective = variables.effective(environment.project(), environment.environment());
        return DeploymentPipeline.hookVariables(effective, EffectiveVariable::visibleRuntime);
    }

    private static void closeQuietly(ExecSession session) {
        try {
            session.stdin().close();
        } catch (IOException ignored) {
            // Already closed by the process.
        }
    }
}
