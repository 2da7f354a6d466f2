package dev.slipway.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for deployment-service's exec interface (docs/exec-interface.md) on the real network,
 * for the SSH gateway's tests and benchmarks: runs the request's command with {@code bash -c}, or a
 * shell as {@code bash -s} (no terminal, so no prompt), in a temporary folder with the request's
 * variables plus {@code SLIPWAY_PROJECT}, {@code SLIPWAY_ENVIRONMENT}, {@code SLIPWAY_NODE} and
 * {@code SLIPWAY_APP_DIR}. Every environment has {@link #NODES} nodes. It implements the protocol on
 * its own (Vert.x's JSON, not the gateway's codec), so tests check the written contract. A bearer
 * token of group {@code service} signed by the trusted key is required (SEC-4).
 */
public final class ExecStandIn implements AutoCloseable {

    /** Nodes each environment has here; a request for another answers an error frame. */
    public static final int NODES = 2;

    private static final Pattern PATH = Pattern.compile("/api/v1/internal/projects/([^/]+)/environments/([^/]+)/exec");
    private static final Map<String, Integer> SIGNALS = Map.of("HUP", 1, "INT", 2, "QUIT", 3, "KILL", 9, "TERM", 15);

    private final PublicKey trusted;
    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpServer server;
    private Path home;
    private int port;

    /** {@code trustedKey}: the PEM public key whose tokens are accepted. */
    public ExecStandIn(Path trustedKey) {
        this.trusted = ServiceTokenCheck.readPublicKey(trustedKey);
    }

    /** Listens on a free port of 127.0.0.1; returns it. */
    public synchronized int start() {
        return start(0);
    }

    /** Listens on {@code port} (0: a free one), e.g. again on the same port after {@link #close()}. */
    public synchronized int start(int wanted) {
        try {
            home = Files.createTempDirectory("slipway-exec-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(wanted, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The exec stand-in cannot listen on " + wanted, e);
        }
        port = server.actualPort();
        return port;
    }

    public int port() {
        return port;
    }

    /** The base URL to configure as {@code slipway.exec.url}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The requests received so far (the first frame of each connection). */
    public List<JsonObject> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the port is released with the process anyway
            }
            vertx = null;
            server = null;
        }
    }

    private void handle(HttpServerRequest request) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            request.response().setStatusCode(404).end();
            return;
        }
        if (!ServiceTokenCheck.isServiceToken(request.getHeader("Authorization"), trusted)) {
            request.response().setStatusCode(401).end();
            return;
        }
        String project = path.group(1);
        String environment = path.group(2);
        request.toWebSocket().onSuccess(ws -> new Run(ws, project, environment));
    }

    /** One exec connection: the request, then the process and its streams. */
    private final class Run {

        private final ServerWebSocket ws;
        private final String project;
        private final String environment;
        private final ExecutorService stdinWriter = Executors.newSingleThreadExecutor();
        private Process process;
        private volatile String signalled;

        Run(ServerWebSocket ws, String project, String environment) {
            this.ws = ws;
            this.project = project;
            this.environment = environment;
            ws.textMessageHandler(this::text);
            ws.binaryMessageHandler(this::binary);
            ws.closeHandler(ignored -> ended());
        }

        private synchronized void text(String text) {
            JsonObject message = new JsonObject(text);
            if (process == null) {
                begin(message);
                return;
            }
            switch (message.getString("type", "")) {
                case "eof" -> stdinWriter.execute(() -> closeQuietly(process.getOutputStream()));
                case "signal" -> {
                    String name = message.getString("signal");
                    daemon("exec-stand-in-signal", () -> signal(name));
                }
                case "resize" -> {
                    // no terminal here: nothing to resize
                }
                default -> {
                    // unknown control frames are ignored (docs/exec-interface.md)
                }
            }
        }

        private void begin(JsonObject request) {
            requests.add(request.copy());
            int node = request.getInteger("node", 1);
            if (node < 1 || node > NODES) {
                fail("environment " + project + "-" + environment + " has no node " + node + " (it has " + NODES + ")");
                return;
            }
            String command = request.getString("command");
            ProcessBuilder builder = command == null ? new ProcessBuilder("bash", "-s") : new ProcessBuilder("bash", "-c", command);
            builder.directory(home.toFile());
            Map<String, String> env = builder.environment();
            String path = env.get("PATH");
            env.clear();
            env.put("PATH", path);
            env.put("HOME", home.toString());
            JsonObject sent = request.getJsonObject("env", new JsonObject());
            sent.forEach(entry -> env.put(entry.getKey(), String.valueOf(entry.getValue())));
            if (request.getString("term") != null) {
                env.put("TERM", request.getString("term"));
            }
            env.put("SLIPWAY_PROJECT", project);
            env.put("SLIPWAY_ENVIRONMENT", environment);
            env.put("SLIPWAY_NODE", Integer.toString(node));
            env.put("SLIPWAY_APP_DIR", home.toString());
            try {
                process = builder.start();
            } catch (IOException e) {
                fail("cannot start bash: " + e.getMessage());
                return;
            }
            Thread out = pump(process.getInputStream(), (byte) 1);
            Thread err = pump(process.getErrorStream(), (byte) 2);
            daemon("exec-stand-in-wait", () -> {
                try {
                    int code = process.waitFor();
                    out.join();
                    err.join();
                    String signal = signalled;
                    JsonObject exit = new JsonObject().put("type", "exit");
                    if (signal != null && SIGNALS.containsKey(signal) && code == 128 + SIGNALS.get(signal)) {
                        exit.put("signal", signal);
                    } else {
                        exit.put("exitCode", code);
                    }
                    ws.writeTextMessage(exit.encode()).onComplete(ignored -> ws.close());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stdinWriter.shutdown();
            });
        }

        private Thread pump(InputStream from, byte stream) {
            return daemon("exec-stand-in-" + stream, () -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                        Buffer frame = Buffer.buffer(n + 1).appendByte(stream).appendBytes(buffer, 0, n);
                        ws.writeBinaryMessage(frame);
                    }
                } catch (IOException | IllegalStateException e) {
                    // the process or the connection went away
                }
            });
        }

        private synchronized void binary(Buffer frame) {
            if (process == null || frame.length() == 0 || frame.getByte(0) != 0) {
                fail("binary frames before the request or on a stream other than stdin");
                return;
            }
            byte[] bytes = frame.getBytes(1, frame.length());
            OutputStream stdin = process.getOutputStream();
            stdinWriter.execute(() -> {
                try {
                    stdin.write(bytes);
                    stdin.flush();
                } catch (IOException e) {
                    // the process no longer reads
                }
            });
        }

        private void signal(String name) {
            signalled = name;
            List<ProcessHandle> targets = new ArrayList<>(process.descendants().toList());
            targets.add(process.toHandle());
            for (ProcessHandle target : targets) {
                try {
                    new ProcessBuilder("kill", "-s", name, Long.toString(target.pid())).start().waitFor(10, TimeUnit.SECONDS);
                } catch (IOException e) {
                    target.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void fail(String detail) {
            ws.writeTextMessage(new JsonObject().put("type", "error").put("detail", detail).encode()).onComplete(ignored -> ws.close());
        }

        /** The gateway went away: the process goes too. */
        private synchronized void ended() {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            stdinWriter.shutdown();
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
