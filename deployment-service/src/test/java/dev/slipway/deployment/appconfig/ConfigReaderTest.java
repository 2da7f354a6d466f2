package dev.slipway.deployment.appconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.slipway.events.ProjectRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CFG-1 (which files) and CFG-2 (what they mean) on valid and missing configuration. */
class ConfigReaderTest {

    static final String FULL_APP = """
            # The storefront
            name: mymagento
            type: php:8.3
            hooks:
              build: |
                set -e
                composer install --no-dev
              deploy: php bin/magento setup:upgrade --keep-generated
              post_deploy: php bin/magento cache:flush
            access:
              ssh: contributor
            crons:
              cronrun:
                spec: "*/5 * * * *"
                cmd: php bin/magento cron:run
              nightly:
                spec: "0 3 * * *"
                cmd: php bin/magento indexer:reindex
            disk: 5120
            mounts:
              var:
                source: local
                source_path: var
              "/pub/media": "shared:files/media"
            relationships:
              database: "mysql:mysql"
              redis: "redis:redis"
            web:
              locations:
                "/":
                  root: pub
                  passthru: /index.php
            runtime:
              extensions: [redis, sodium]
            """;

    static final String SERVICES = """
            mysql:
              type: mysql:10.6
              disk: 2048
            redis:
              type: redis:7.2
            """;

    static final String ROUTES = """
            "https://{default}/":
              type: upstream
              upstream: "mymagento:http"
            "https://www.{default}/":
              type: redirect
              to: "https://{default}/"
            """;

    @Test
    void fullSlipwayConfigurationIsReadWithEveryKeyWithMeaning() {
        CommitConfig config = Commit.with(".slipway/app.yaml", FULL_APP)
                .and(".slipway/services.yaml", SERVICES)
                .and(".slipway/routes.yaml", ROUTES)
                .valid();

        AppConfig app = config.app();
        assertThat(app.name()).isEqualTo("mymagento");
        assertThat(app.type()).isEqualTo("php:8.3");
        assertThat(app.hooks().build()).contains("set -e\ncomposer install --no-dev\n");
        assertThat(app.hooks().deploy()).contains("php bin/magento setup:upgrade --keep-generated");
        assertThat(app.hooks().postDeploy()).contains("php bin/magento cache:flush");
        assertThat(app.sshRole()).isEqualTo(ProjectRole.CONTRIBUTOR);
        assertThat(app.crons()).containsOnlyKeys("cronrun", "nightly");
        assertThat(app.crons().get("cronrun").spec()).isEqualTo(new CronSpec("*/5 * * * *"));
        assertThat(app.crons().get("nightly").cmd()).isEqualTo("php bin/magento indexer:reindex");
        assertThat(app.diskMb()).hasValue(5120);
        assertThat(app.mounts()).containsExactly(
                entry("var", Map.of("source", "local", "source_path", "var")),
                entry("pub/media", Map.of("source", "local", "source_path", "media")));
        assertThat(app.relationships()).containsExactly(
                entry("database", new AppConfig.Relationship("mysql", "mysql")),
                entry("redis", new AppConfig.Relationship("redis", "redis")));
        assertThat(app.web()).containsKey("locations");
        assertThat(config.services()).containsOnlyKeys("mysql", "redis");
        assertThat(config.routes()).containsOnlyKeys("https://{default}/", "https://www.{default}/");
        assertThat(config.paths()).containsExactly(
                entry(ConfigFileKind.APP, ".slipway/app.yaml"),
                entry(ConfigFileKind.ROUTES, ".slipway/routes.yaml"),
                entry(ConfigFileKind.SERVICES, ".slipway/services.yaml"));
        assertThat(config.digest().value()).matches("sha256:[0-9a-f]{64}");
        assertThat(config.commit()).isEqualTo(Commit.SHA);
    }

    @Test
    void magentoCloudNamesAreRead() {
        CommitConfig config = Commit.with(".magento.app.yaml", FULL_APP)
                .and(".magento/services.yaml", SERVICES)
                .and(".magento/routes.yaml", ROUTES)
                .valid();

        assertThat(config.app().name()).isEqualTo("mymagento");
        assertThat(config.services()).containsKey("mysql");
        assertThat(config.paths()).containsExactly(
                entry(ConfigFileKind.APP, ".magento.app.yaml"),
                entry(ConfigFileKind.ROUTES, ".magento/routes.yaml"),
                entry(ConfigFileKind.SERVICES, ".magento/services.yaml"));
    }

    @Test
    void slipwayNamesWinFileByFileWhereBothExist() {
        Commit commit = Commit.with(".slipway/app.yaml", "name: slipway-app\ntype: php:8.3\n")
                .and(".magento.app.yaml", "name: magento-app\ntype: php:8.1\n")
                .and(".magento/routes.yaml", ROUTES);

        CommitConfig config = commit.valid();

        assertThat(config.app().name()).isEqualTo("slipway-app");
        assertThat(config.paths()).containsExactly(
                entry(ConfigFileKind.APP, ".slipway/app.yaml"),
                entry(ConfigFileKind.ROUTES, ".magento/routes.yaml"));
        assertThat(commit.files().file(ConfigFileKind.APP).orElseThrow().magentoName()).isFalse();
        assertThat(commit.files().file(ConfigFileKind.ROUTES).orElseThrow().magentoName()).isTrue();
        assertThat(commit.files().file(ConfigFileKind.SERVICES)).isEmpty();
    }

    @Test
    void aCommitWithoutAppConfigurationFailsValidateNamingTheCommit() {
        ConfigOutcome outcome = Commit.with(".slipway/routes.yaml", ROUTES).and("README.md", "# shop").read();

        assertThat(outcome).isInstanceOf(ConfigOutcome.Invalid.class);
        ConfigOutcome.Invalid invalid = (ConfigOutcome.Invalid) outcome;
        assertThat(invalid.problems()).containsExactly(new ConfigProblem(".slipway/app.yaml", 0,
                "no .slipway/app.yaml or .magento.app.yaml in commit " + Commit.SHA));
        assertThat(invalid.message()).isEqualTo("invalid configuration in commit " + Commit.SHA + ":\n"
                + ".slipway/app.yaml: no .slipway/app.yaml or .magento.app.yaml in commit " + Commit.SHA);
    }

    @Test
    void minimalAppHasNoHooksAdminSshAndNothingElse() {
        AppConfig app = Commit.with(".slipway/app.yaml", "name: app\ntype: php:8.3\n").valid().app();

        assertThat(app.hooks()).isEqualTo(AppConfig.Hooks.NONE);
        assertThat(app.sshRole()).isEqualTo(ProjectRole.ADMIN);
        assertThat(app.crons()).isEmpty();
        assertThat(app.diskMb()).isEmpty();
        assertThat(app.mounts()).isEmpty();
        assertThat(app.relationships()).isEmpty();
        assertThat(app.web()).isEmpty();
    }

    @Test
    void sshAccessDefaultsToAdminAndReadsEachRole() {
        assertThat(Commit.with(".slipway/app.yaml", "name: a\ntype: php:8.3\naccess: {}\n").valid().app().sshRole())
                .isEqualTo(ProjectRole.ADMIN);
        assertThat(Commit.with(".slipway/app.yaml", "name: a\ntype: php:8.3\naccess:\n  ssh: contributor\n").valid().app().sshRole())
                .isEqualTo(ProjectRole.CONTRIBUTOR);
        assertThat(Commit.with(".slipway/app.yaml", "name: a\ntype: php:8.3\naccess:\n  ssh: viewer\n").valid().app().sshRole())
                .isEqualTo(ProjectRole.VIEWER);
    }

    @Test
    void unknownKeysAreKeptInTheRawDocument() {
        AppConfig app = Commit.with(".slipway/app.yaml", FULL_APP + "x-team:\n  owner: checkout\n  pager: [alice, bob]\n")
                .and(".slipway/services.yaml", SERVICES)
                .valid().app();

        assertThat(app.raw()).containsKeys("name", "hooks", "runtime", "x-team");
        assertThat(app.raw().get("x-team")).isEqualTo(Map.of("owner", "checkout", "pager", List.of("alice", "bob")));
        assertThat(app.raw().get("runtime")).isEqualTo(Map.of("extensions", List.of("redis", "sodium")));
    }

    @Test
    void emptyHookIsNoHook() {
        AppConfig app = Commit.with(".slipway/app.yaml", "name: a\ntype: php:8.3\nhooks:\n  build:\n  deploy: echo hi\n").valid().app();

        assertThat(app.hooks().build()).isEmpty();
        assertThat(app.hooks().deploy()).contains("echo hi");
    }

    @Test
    void mergeKeysAndAliasesAreResolved() {
        AppConfig app = Commit.with(".slipway/app.yaml", """
                name: a
                type: php:8.3
                x-defaults: &defaults
                  source: local
                  source_path: var
                mounts:
                  var:
                    <<: *defaults
                  "var/log":
                    <<: *defaults
                    source_path: log
                """).valid().app();

        assertThat(app.mounts()).containsExactly(
                entry("var", Map.of("source", "local", "source_path", "var")),
                entry("var/log", Map.of("source", "local", "source_path", "log")));
    }

    @Test
    void emptyRoutesAndServicesFilesMeanNone() {
        CommitConfig config = Commit.with(".slipway/app.yaml", "name: a\ntype: php:8.3\n")
                .and(".slipway/routes.yaml", "# none yet\n")
                .and(".slipway/services.yaml", "")
                .valid();

        assertThat(config.routes()).isEmpty();
        assertThat(config.services()).isEmpty();
    }

    @Test
    void magentoAccessAndMountsMoveOverUnchanged() {
        AppConfig app = Commit.with(".magento.app.yaml", """
                name: mymagento
                type: php:8.1
                access:
                  ssh: contributor
                mounts:
                  "/var": "shared:files/var"
                  "/app/etc": "shared:files/etc"
                """).valid().app();

        assertThat(app.sshRole()).isEqualTo(ProjectRole.CONTRIBUTOR);
        assertThat(app.mounts()).containsOnlyKeys("var", "app/etc");
    }
}
