package dev.slipway.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code java -XX:ArchiveClassesAtExit=<archive> -jar slipway-cli.jar --cds-training}: the run {@code bin/slipway-cli}
 * makes once per build of the jar so that the JVM's AppCDS archive holds the classes a real run loads (picocli, the
 * HttpClient, jackson-core, the output). It runs typical commands against an HTTP server of its own on a free local
 * port, printing nothing; no network beyond the loopback, no file written but the archive.
 */
final class CdsTraining {

    static final String FLAG = "--cds-training";

    private CdsTraining() {
    }

    static int run() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        String environments = "{\"items\":[{\"id\":\"master\",\"projectId\":\"training\",\"title\":\"Master\",\"type\":\"INTEGRATION\","
                + "\"status\":\"ACTIVE\",\"parent\":null,\"deployedCommit\":\"3b4eecac5cb7524e8bf5ef12d7380f2e104021b6\","
                + "\"latestDeployment\":{\"id\":\"d\",\"state\":\"SUCCEEDED\"},\"nodes\":[{\"node\":1,\"health\":\"HEALTHY\"}]}],\"next\":null}";
        server.createContext("/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().endsWith("/environments");
            byte[] body = (known ? environments : "{\"type\":\"urn:slipway:problem:not-found\",\"status\":404,\"detail\":\"training\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", known ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Map<String, String> env = Map.of("SLIPWAY_CLI_URL", "http://127.0.0.1:" + server.getAddress().getPort(), "SLIPWAY_CLI_TOKEN",
                    "training", "XDG_CONFIG_HOME", "/nonexistent-slipway-cli-training");
            for (List<String> args : List.of(List.of("--help"), List.of("environment:list", "--help"), List.of("environment:list", "-p", "training"),
                    List.of("environment:list", "-p", "training", "--format", "json"), List.of("environment:list", "-p", "training", "--format", "table"),
                    List.of("project:info", "-p", "training"))) {
                PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
                Main.execute(Invocation.of(env, Path.of("/"), nowhere, nowhere, new StringReader(""), Duration.ZERO), args.toArray(String[]::new));
            }
        } finally {
            server.stop(0);
        }
        return ExitCodes.OK;
    }
}
