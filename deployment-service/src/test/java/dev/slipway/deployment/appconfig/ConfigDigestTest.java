package dev.slipway.deployment.appconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CFG-3: the digest follows values, not formatting, key order, comments or file names. */
class ConfigDigestTest {

    private static final String APP = """
            name: app
            type: php:8.3
            hooks:
              build: composer install
            crons:
              run: {spec: "*/5 * * * *", cmd: "php bin/magento cron:run"}
            disk: 2048
            """;

    private static final String APP_REFORMATTED = """
            # same values, other order, comments, quoting and flow style
            disk:   2048        # MB
            crons:
              run:
                cmd: php bin/magento cron:run
                spec: '*/5 * * * *'
            hooks: {build: "composer install"}

            type: "php:8.3"
            name: 'app'
            """;

    private static final String SERVICES = "mysql:\n  type: mysql:10.6\n  disk: 1024\n";

    private static ConfigDigest digestOf(Commit commit) {
        return ConfigDigest.of(commit.files());
    }

    @Test
    void reformattingReorderingAndCommentsKeepTheDigest() {
        ConfigDigest original = digestOf(Commit.with(".slipway/app.yaml", APP).and(".slipway/services.yaml", SERVICES));
        ConfigDigest reformatted = digestOf(Commit.with(".slipway/app.yaml", APP_REFORMATTED)
                .and(".slipway/services.yaml", "# db\nmysql: {disk: 1024, type: \"mysql:10.6\"}\n"));

        assertThat(reformatted).isEqualTo(original);
        assertThat(original.value()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void fileNamesDoNotMatter() {
        ConfigDigest slipway = digestOf(Commit.with(".slipway/app.yaml", APP).and(".slipway/services.yaml", SERVICES));
        ConfigDigest magento = digestOf(Commit.with(".magento.app.yaml", APP).and(".magento/services.yaml", SERVICES));

        assertThat(magento).isEqualTo(slipway);
    }

    @Test
    void anyValueChangeChangesTheDigest() {
        ConfigDigest original = digestOf(Commit.with(".slipway/app.yaml", APP));

        assertThat(digestOf(Commit.with(".slipway/app.yaml", APP.replace("2048", "4096")))).isNotEqualTo(original);
        assertThat(digestOf(Commit.with(".slipway/app.yaml", APP.replace("composer install", "composer install --no-dev"))))
                .isNotEqualTo(original);
        assertThat(digestOf(Commit.with(".slipway/app.yaml", APP + "x-new: 1\n"))).isNotEqualTo(original);
        assertThat(digestOf(Commit.with(".slipway/app.yaml", APP.replace("disk: 2048", "disk: \"2048\"")))).isNotEqualTo(original);
        assertThat(digestOf(Commit.with(".slipway/app.yaml", APP).and(".slipway/routes.yaml", "{}\n"))).isNotEqualTo(original);
    }

    @Test
    void theDigestIsTheSameWhetherTakenFromFilesOrFromTheValidConfiguration() {
        Commit commit = Commit.with(".slipway/app.yaml", APP).and(".magento/services.yaml", SERVICES);

        assertThat(commit.valid().digest()).isEqualTo(digestOf(commit));
    }

    @Test
    void canonicalFormIsCompactSortedJsonWithNullForAbsentFiles() {
        Map<ConfigFileKind, Object> documents = new EnumMap<>(ConfigFileKind.class);
        documents.put(ConfigFileKind.APP, Map.of("type", "php:8.3", "name", "app", "disk", 2048L, "list", List.of(true, 1.5)));

        assertThat(ConfigDigest.canonicalForm(documents))
                .isEqualTo("{\"app\":{\"disk\":2048,\"list\":[true,1.5],\"name\":\"app\",\"type\":\"php:8.3\"},\"routes\":null,\"services\":null}");
        assertThat(ConfigDigest.ofDocuments(documents).value())
                .isEqualTo("sha256:" + CanonicalJson.sha256Hex(ConfigDigest.canonicalForm(documents)));
    }

    @Test
    void aliasesAndMergeKeysDigestAsTheirExpansion() {
        ConfigDigest withAliases = digestOf(Commit.with(".slipway/app.yaml",
                "name: app\ntype: php:8.3\nx-d: &d {source: local}\nmounts:\n  var: {<<: *d, source_path: var}\n"));
        ConfigDigest expanded = digestOf(Commit.with(".slipway/app.yaml",
                "name: app\ntype: php:8.3\nx-d: {source: local}\nmounts:\n  var: {source: local, source_path: var}\n"));

        assertThat(withAliases).isEqualTo(expanded);
    }

    @Test
    void yamlThatDoesNotParseHasNoDigest() {
        assertThatThrownBy(() -> digestOf(Commit.with(".slipway/app.yaml", "a: [")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot digest: .slipway/app.yaml:1:");
    }
}
