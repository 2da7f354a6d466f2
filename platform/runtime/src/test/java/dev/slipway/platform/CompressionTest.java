package dev.slipway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** JSON answers are gzipped for a client that accepts it, and sent as they are to one that does not. */
@QuarkusTest
class CompressionTest {

    /** A client that sends only the Accept-Encoding it is given and never decodes: the bytes as they came. */
    private static RequestSpecification rawClient() {
        return given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Authorization", TestTokens.bearer("sam", "support"));
    }

    @Test
    void aJsonAnswerIsGzippedWhenTheClientAcceptsIt() throws IOException {
        Response zipped = rawClient().header("Accept-Encoding", "gzip").get("/test/projects/shop/access");
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(zipped.asByteArray())).contains("\"projectId\":\"shop\"", "\"support\":true");

        Response plain = rawClient().get("/test/projects/shop/access");
        assertThat(plain.header("Content-Encoding")).as("without Accept-Encoding").isNull();
        assertThat(plain.asString()).contains("\"projectId\":\"shop\"");
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
