package dev.slipway.devinfra.origin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.api.RouteTable;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.DevTokens;
import dev.slipway.devinfra.SlipwayHome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local one origin (API-8) that {@code bin/slipway up} starts on port 8080: the console's build
 * at {@code /}, {@code /api/v1} routed to the four services by {@code api/routes.json}, and the
 * development sign-in at {@code /dev/sign-in}. In production the compose entry point and the
 * Kubernetes ingress play this part, without the sign-in.
 */
public final class OneOrigin implements AutoCloseable {

    /** The port unless {@code SLIPWAY_ORIGIN_PORT} says otherwise. */
    public static final int DEFAULT_PORT = 8080;

    private final HttpServer server;
    private final ExecutorService workers;

    /**
     * @param upstreamHost where the services listen (their ports come from the table)
     * @param tokens the development sign-in's minter; empty: no {@code /dev/sign-in}
     */
    public OneOrigin(String bindHost, int port, RouteTable table, String upstreamHost, Path console, Optional<DevTokens> tokens)
            throws IOException {
        ApiProxy api = new ApiProxy(table, upstreamHost);
        StaticFiles files = new StaticFiles(console);
        Optional<DevSignIn> signIn = tokens.map(DevSignIn::new);
        server = HttpServer.create(new InetSocketAddress(bindHost, port), 64);
        // One thread per open request: an event stream holds its thread for as long as it is followed.
        workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "origin");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", exchange -> serve(exchange, () -> {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/api") || path.startsWith("/api/")) {
                api.handle(exchange);
            } else if (path.equals(DevSignIn.PATH) && signIn.isPresent()) {
                signIn.get().handle(exchange);
            } else {
                files.handle(exchange);
            }
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private interface Handler {
        void run() throws IOException;
    }

    private static void serve(HttpExchange exchange, Handler handler) {
        try {
            handler.run();
        } catch (IOException e) {
            // The browser went away (a followed log closed): nothing to answer.
        } catch (RuntimeException e) {
            System.err.println("origin: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed: " + e);
        } finally {
            exchange.close();
        }
    }

    public static void main(String[] args) throws IOException {
        SlipwayHome home = SlipwayHome.locate();
        int port = Optional.ofNullable(System.getenv("SLIPWAY_ORIGIN_PORT")).map(Integer::parseInt).orElse(DEFAULT_PORT);
        RouteTable table = RouteTable.read(home.root().resolve("api/routes.json"));
        String issuer = Optional.ofNullable(System.getenv("MP_JWT_VERIFY_ISSUER")).orElse(DevTokens.DEFAULT_ISSUER);
        DevTokens tokens = new DevTokens(DevKeys.forSuite(home).ensure().loadPrivateKey(), issuer);
        OneOrigin origin = new OneOrigin("127.0.0.1", port, table, "127.0.0.1", home.root().resolve("console/dist"), Optional.of(tokens));
        System.out.println("origin: http://127.0.0.1:" + origin.port() + "/ (console/dist, /api/v1 by api/routes.json, /dev/sign-in)");
    }
}
