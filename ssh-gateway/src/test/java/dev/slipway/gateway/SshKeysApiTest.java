package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.slipway.events.Topics;
import dev.slipway.gateway.support.SshClient;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SSH-1 through the keys API: each user manages their own keys; one key belongs to one user. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class SshKeysApiTest {

    private static String user() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static io.restassured.specification.RequestSpecification as(String user) {
        return given().header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON);
    }

    @Test
    void aUserAddsListsAndRemovesTheirKeyAndEachChangeIsAnEvent() {
        String alice = user();
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        String fingerprint;
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ACCESS)) {
            fingerprint = as(alice).body(Map.of("publicKey", key.publicLine())).when().post("/api/v1/ssh-keys")
                    .then().statusCode(201).header("Location", containsString("/api/v1/ssh-keys/"))
                    .body("keyType", equalTo("ssh-ed25519")).body("title", equalTo("test@ed25519")).body("bits", equalTo(256))
                    .extract().path("fingerprint");
            assertThat(fingerprint).startsWith("SHA256:");
            probe.await(record -> record.key().equals(alice) && "dev.slipway.ssh-key.added.v1".equals(KafkaProbe.header(record, "ce_type"))
                    && record.value().contains(fingerprint) && !record.value().contains(key.publicLine().split(" ")[1]), Duration.ofSeconds(60));
        }
        String id = as(alice).when().get("/api/v1/ssh-keys").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].fingerprint", equalTo(fingerprint)).extract().path("items[0].id");
        as(alice).when().get("/api/v1/ssh-keys/" + id).then().statusCode(200).body("publicKey", equalTo(key.publicLine().substring(0,
                key.publicLine().lastIndexOf(' '))));
        // The same key again is the key alice already has.
        as(alice).body(Map.of("publicKey", key.publicLine(), "title", "again")).when().post("/api/v1/ssh-keys").then().statusCode(200)
                .body("id", equalTo(id));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ACCESS)) {
            as(alice).when().delete("/api/v1/ssh-keys/" + id).then().statusCode(204);
            probe.await(record -> record.key().equals(alice) && "dev.slipway.ssh-key.removed.v1".equals(KafkaProbe.header(record, "ce_type")),
                    Duration.ofSeconds(60));
        }
        as(alice).when().get("/api/v1/ssh-keys/" + id).then().statusCode(404);
        as(alice).when().get("/api/v1/ssh-keys").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void oneKeyBelongsToOneUser() {
        String alice = user();
        String bob = user();
        SshClient.KeyPairFiles key = SshClient.generate("ecdsa", 256);
        String id = as(alice).body(Map.of("publicKey", key.publicLine())).when().post("/api/v1/ssh-keys").then().statusCode(201).extract().path("id");
        as(bob).body(Map.of("publicKey", key.publicLine())).when().post("/api/v1/ssh-keys").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("key-owned-by-another-user"));
        as(bob).when().get("/api/v1/ssh-keys/" + id).then().statusCode(404);
        as(bob).when().delete("/api/v1/ssh-keys/" + id).then().statusCode(404);
        as(bob).when().get("/api/v1/ssh-keys").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aPastedPrivateKeyIsRefusedAndNeverEchoed() throws Exception {
        String alice = user();
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        String privateKey = Files.readString(key.privateKey());
        String secretLine = privateKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        as(alice).body(Map.of("publicKey", privateKey)).when().post("/api/v1/ssh-keys").then().statusCode(400)
                .contentType("application/problem+json").body("type", containsString("invalid-ssh-key"))
                .body("detail", containsString("private key")).body(not(containsString(secretLine.substring(0, 16))));
        as(alice).when().get("/api/v1/ssh-keys").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void refusedKindsAnswer400NamingSsh1() {
        String alice = user();
        for (String text : new String[] {SshClient.generate("dsa", null).publicLine(), SshClient.generate("rsa", 1024).publicLine(), "garbage"}) {
            as(alice).body(Map.of("publicKey", text)).when().post("/api/v1/ssh-keys").then().statusCode(400)
                    .contentType("application/problem+json").body("type", containsString("invalid-ssh-key"));
        }
        as(alice).body("{\"publicKey\":null}").when().post("/api/v1/ssh-keys").then().statusCode(400);
        as(alice).body("{\"publicKey\":\"x\",\"extra\":1}").when().post("/api/v1/ssh-keys").then().statusCode(400);
        as(alice).when().get("/api/v1/ssh-keys/not-a-uuid").then().statusCode(404);
        as(alice).when().get("/api/v1/ssh-keys?limit=0").then().statusCode(400);
        as(alice).when().get("/api/v1/ssh-keys?cursor=%%%").then().statusCode(400);
        given().when().get("/api/v1/ssh-keys").then().statusCode(401);
    }

    @Test
    void listsPage() {
        String alice = user();
        for (int i = 0; i < 3; i++) {
            as(alice).body(Map.of("publicKey", SshClient.generate("ed25519", null).publicLine())).when().post("/api/v1/ssh-keys").then().statusCode(201);
        }
        String next = as(alice).when().get("/api/v1/ssh-keys?limit=2").then().statusCode(200).body("items", hasSize(2)).extract().path("next");
        as(alice).queryParam("limit", 2).queryParam("cursor", next).when().get("/api/v1/ssh-keys").then().statusCode(200)
                .body("items", hasSize(1)).body("next", equalTo(null));
    }
}
