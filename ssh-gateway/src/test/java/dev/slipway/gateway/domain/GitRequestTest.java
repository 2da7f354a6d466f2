package dev.slipway.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentType;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"git-upload-pack '/shop.git'", "git-upload-pack 'shop.git'", "git upload-pack '/shop.git'", "git-upload-pack /shop.git",
            "git-upload-pack '/shop'"})
    void theFormsGitClientsSendNameTheProjectRepository(String line) {
        GitRequest request = GitRequest.parse(line).orElseThrow();
        assertThat(request.service()).isEqualTo(GitRequest.Service.UPLOAD_PACK);
        assertThat(request.repository()).contains(new GitRequest.RepositoryName("shop", Optional.empty()));
    }

    @Test
    void receivePackOnATierRemoteNamesTheTier() {
        GitRequest request = GitRequest.parse("git-receive-pack '/shop-production.git'").orElseThrow();
        assertThat(request.service()).isEqualTo(GitRequest.Service.RECEIVE_PACK);
        assertThat(request.repository()).contains(new GitRequest.RepositoryName("shop", Optional.of(EnvironmentType.PRODUCTION)));
        assertThat(request.repository().orElseThrow().displayName()).isEqualTo("shop-production");
        assertThat(GitRequest.parse("git receive-pack 'shop-staging.git'").orElseThrow().repository().orElseThrow().tier())
                .contains(EnvironmentType.STAGING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "git-upload-archive '/shop.git'", "git-upload-pack", "git-upload-pack '/shop.git'; rm -rf /", ""})
    void anythingElseIsNoRequest(String line) {
        assertThat(GitRequest.parse(line)).isEmpty();
        assertThat(GitRequest.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'/shop-feature.git'", "'/Shop.git'", "'/../shop.git'", "'/a/shop.git'", "'/sh.git'", "'/shop-.git'"})
    void pathsThatNameNoHostedRepositoryAreNotFound(String path) {
        assertThat(GitRequest.parse("git-upload-pack " + path).orElseThrow().repository()).isEmpty();
    }
}
