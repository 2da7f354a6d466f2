package dev.slipway.deployment.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.ServiceUnavailableException;
import io.vertx.core.buffer.Buffer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GitHostClient against a stand-in of ssh-gateway's internal git interface (docs/git-internal-api.md) on the real network. */
class GitHostClientTest {

    private static final String SHA = "3f786850e387550fdab836ed7e6dc881de23001b";
    private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    private static final String COMMIT_PATH = "/api/v1/internal/projects/shop/commits/" + SHA;

    private InternalApiStandIn gateway;
    private GitHostClient client;

    @BeforeEach
    void start() {
        gateway = new InternalApiStandIn(TestServiceClients.KEYS.publicKey());
        gateway.start();
        client = new GitHostClient(TestServiceClients.at(gateway.url()));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aCommitIsReadWithItsTreeParentsAndPeople() {
        gateway.json(COMMIT_PATH, """
                {"commit":"%s","treeId":"%s","parents":["1111111111111111111111111111111111111111","2222222222222222222222222222222222222222"],
                 "author":"Ada","authorEmail":"ada@example.com","authoredAt":"2026-11-27T10:00:00Z",
                 "committer":"Grace","committedAt":"2026-11-27T10:05:00Z","message":"Merge branch 'feature'\\n\\nLong text."}
                """.formatted(SHA, TREE));

        GitCommit commit = client.commit("shop", SHA);

        assertThat(commit).isEqualTo(new GitCommit(SHA, TREE, java.util.List.of("1111111111111111111111111111111111111111",
                "2222222222222222222222222222222222222222"), "Ada", "ada@example.com", Instant.parse("2026-11-27T10:00:00Z"), "Grace",
                Instant.parse("2026-11-27T10:05:00Z"), "Merge branch 'feature'\n\nLong text."));
    }

    @Test
    void anUnknownCommitIsNotFoundAndAnAmbiguousOneAConflict() {
        gateway.problem("/api/v1/internal/projects/shop/commits/abcdef1", 409, "ambiguous-commit", "abcdef1 names 2 commits; send more digits");

        assertThatThrownBy(() -> client.commit("shop", SHA)).isInstanceOfSatisfying(ServiceProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.slug()).isEqualTo("not-found");
        });
        assertThatThrownBy(() -> client.commit("shop", "abcdef1")).isInstanceOfSatisfying(ServiceProblemException.class, e -> {
            assertThat(e.slug()).isEqualTo("ambiguous-commit");
            assertThat(e.detail()).contains("send more digits");
        });
    }

    @Test
    void theTreeIsStreamedWithItsTreeId() throws Exception {
        byte[] tar = new byte[2 * 1024 * 1024 + 512];
        new Random(11).nextBytes(tar);
        gateway.on(COMMIT_PATH + "/tree", request -> request.response().putHeader("Content-Type", "application/x-tar")
                .putHeader("X-Slipway-Tree-Id", TREE).end(Buffer.buffer(tar)));

        try (CommitTree tree = client.tree("shop", SHA); InputStream in = tree.tar()) {
            assertThat(tree.treeId()).isEqualTo(TREE);
            assertThat(tree.commit()).isEqualTo(SHA);
            assertThat(in.readAllBytes()).isEqualTo(tar);
        }
    }

    @Test
    void aTreeThatBreaksOffMidArchiveIsTheGatewayBeingAwayNotABrokenTar() {
        gateway.on(COMMIT_PATH + "/tree", request -> {
            request.response().setChunked(true).putHeader("Content-Type", "application/x-tar").putHeader("X-Slipway-Tree-Id", TREE);
            request.response().write(Buffer.buffer(new byte[64 * 1024])).onComplete(written -> request.connection().close());
        });

        try (CommitTree tree = client.tree("shop", SHA)) {
            assertThatThrownBy(() -> tree.tar().readAllBytes()).isInstanceOfSatisfying(ServiceUnavailableException.class,
                    e -> assertThat(e.getMessage()).contains("broke off mid-archive"));
        }
    }

    @Test
    void aTreeWithoutItsIdIsRefused() {
        gateway.on(COMMIT_PATH + "/tree", request -> request.response().putHeader("Content-Type", "application/x-tar").end("tar"));

        assertThatThrownBy(() -> client.tree("shop", SHA)).isInstanceOf(ServiceProblemException.class).hasMessageContaining("X-Slipway-Tree-Id");
    }

    @Test
    void aFileIsReadByItsEncodedPathAndAnAbsentOneIsEmpty() {
        gateway.on(COMMIT_PATH + "/files/.slipway/app.yaml", request -> request.response().putHeader("Content-Type", "application/octet-stream")
                .end("name: shop\n"));
        gateway.on(COMMIT_PATH + "/files/docs/read%20me%231.md", request -> request.response().putHeader("Content-Type", "application/octet-stream")
                .end("# hi"));

        assertThat(client.file("shop", SHA, ".slipway/app.yaml")).hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("name: shop\n"));
        assertThat(client.file("shop", SHA, "docs/read me#1.md")).hasValueSatisfying(bytes -> assertThat(bytes).asString().isEqualTo("# hi"));
        assertThat(client.file("shop", SHA, ".magento.app.yaml")).isEmpty();
        assertThat(gateway.paths()).contains(COMMIT_PATH + "/files/docs/read%20me%231.md");
    }

    @Test
    void aPathWithDotSegmentsIsRefusedBeforeAnyRequest() {
        for (String bad : new String[] {"a/../b", "./app.yaml", "/etc/passwd", "a//b", "a/"}) {
            assertThatThrownBy(() -> client.file("shop", SHA, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(gateway.paths()).isEmpty();
    }

    @Test
    void aPathTheGatewayRefusesIsAProblemNotAnAbsentFile() {
        gateway.problem(COMMIT_PATH + "/files/app.yaml", 400, "invalid-value", "path is not acceptable");

        assertThatThrownBy(() -> client.file("shop", SHA, "app.yaml")).isInstanceOfSatisfying(ServiceProblemException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aGatewayThatIsDownIsUnavailable() {
        gateway.close();

        assertThatThrownBy(() -> client.commit("shop", SHA)).isInstanceOf(ServiceUnavailableException.class);
    }
}
