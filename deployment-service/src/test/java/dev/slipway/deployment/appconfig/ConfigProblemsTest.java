package dev.slipway.deployment.appconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CFG-2: every wrong type or value is a problem with file, line and reason, and all of them are reported. */
class ConfigProblemsTest {

    private static final String HEAD = "name: app\ntype: php:8.3\n";

    static Stream<Arguments> wrongAppValues() {
        return Stream.of(
                Arguments.of("hooks:\n  build:\n    - composer install\n",
                        "4: hooks.build must be a string (a shell script), not a list"),
                Arguments.of("hooks:\n  deploy: {run: x}\n", "4: hooks.deploy must be a string (a shell script), not a mapping"),
                Arguments.of("hooks:\n  post_deploy: 42\n", "4: hooks.post_deploy must be a string (a shell script), not an integer"),
                Arguments.of("hooks: echo hi\n", "3: hooks must be a mapping, not a string"),
                Arguments.of("access:\n  ssh: owner\n", "4: access.ssh must be one of viewer, contributor, admin, not 'owner'"),
                Arguments.of("access:\n  ssh: [admin]\n", "4: access.ssh must be a role (viewer, contributor or admin), not a list"),
                Arguments.of("disk: \"2048\"\n", "3: disk must be a positive integer (MB), not a string"),
                Arguments.of("disk: 0\n", "3: disk must be a positive integer (MB) up to 2147483647, not 0"),
                Arguments.of("disk: -5\n", "3: disk must be a positive integer (MB) up to 2147483647, not -5"),
                Arguments.of("disk: 1.5\n", "3: disk must be a positive integer (MB), not a number"),
                Arguments.of("crons:\n  run:\n    spec: \"*/2 * * * *\"\n    cmd: x\n",
                        "5: crons.run.spec '*/2 * * * *' runs more often than every 5 minutes (minutes 0 and 2 are 2 minutes apart)"),
                Arguments.of("crons:\n  run:\n    spec: \"0 3 * *\"\n    cmd: x\n",
                        "5: crons.run.spec '0 3 * *' must have 5 fields (minute hour day-of-month month day-of-week), not 4"),
                Arguments.of("crons:\n  run:\n    cmd: x\n", "4: crons.run.spec is required"),
                Arguments.of("crons:\n  run:\n    spec: \"0 3 * * *\"\n", "4: crons.run.cmd is required"),
                Arguments.of("crons:\n  run: \"0 3 * * *\"\n", "4: crons.run must be a mapping, not a string"),
                Arguments.of("mounts:\n  \"../shared\":\n    source: local\n",
                        "4: mounts: path '../shared' must not contain '..' (it must stay below the application root)"),
                Arguments.of("mounts:\n  \"var/../../etc\": {source: local}\n",
                        "4: mounts: path 'var/../../etc' must not contain '..' (it must stay below the application root)"),
                Arguments.of("mounts:\n  var:\n    source: local\n    source_path: ../../etc\n",
                        "4: mounts: path 'var': source_path '../../etc' must not contain '..' (it must stay below the application root)"),
                Arguments.of("mounts:\n  \"/\": {source: local}\n",
                        "4: mounts: path '/' is empty (it must name a directory below the application root)"),
                Arguments.of("mounts:\n  var: true\n",
                        "4: mounts: path 'var' must be defined by a mapping (e.g. source: local, source_path: var) or 'shared:files/<path>', not a boolean"),
                Arguments.of("relationships:\n  database: mysql\n",
                        "4: relationships.database must be '<service>:<endpoint>', e.g. mysql:mysql, not 'mysql'"),
                Arguments.of("relationships:\n  database: {service: mysql}\n",
                        "4: relationships.database must be '<service>:<endpoint>', e.g. mysql:mysql, not a mapping"),
                Arguments.of("relationships:\n  cache: \"redis:redis\"\n",
                        "4: relationships.cache names service 'redis', which no services file (.slipway/services.yaml or .magento/services.yaml) defines"),
                Arguments.of("web: [a]\n", "3: web must be a mapping, not a list"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongAppValues")
    void wrongValueIsAProblemWithFileLineAndReason(String yaml, String expected) {
        assertThat(Commit.with(".slipway/app.yaml", HEAD + yaml).problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(".slipway/app.yaml:" + expected);
    }

    static Stream<Arguments> wrongNameOrType() {
        return Stream.of(
                Arguments.of("type: php:8.3\n", "1: name is required"),
                Arguments.of("name: app\n", "1: type is required"),
                Arguments.of("name: [app]\ntype: php:8.3\n", "1: name must be a string, not a list"),
                Arguments.of("name: my app\ntype: php:8.3\n",
                        "1: name must be 1-64 of a-z, A-Z, 0-9, '_' and '-', starting with a letter or digit, not 'my app'"),
                Arguments.of("name: app\ntype: php\n", "2: type must be '<runtime>:<version>', e.g. php:8.3, not 'php'"),
                Arguments.of("- name: app\n", "1: the top level must be a mapping of keys to values, not a list"),
                Arguments.of("# nothing\n", "1: is empty; it needs at least name and type"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wrongNameOrType")
    void nameAndTypeAreRequired(String yaml, String expected) {
        assertThat(Commit.with(".magento.app.yaml", yaml).problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(".magento.app.yaml:" + expected);
    }

    @Test
    void allProblemsAreReportedOrderedByFileAndLine() {
        Commit commit = Commit.with(".slipway/app.yaml", """
                name: app
                type: php:8.3
                disk: lots
                hooks:
                  build: [a]
                relationships:
                  database: "mysql:mysql"
                  cache: "redis:redis"
                """)
                .and(".slipway/services.yaml", "mysql:\n  disk: 100\n")
                .and(".slipway/routes.yaml", "- https://{default}/\n");

        assertThat(commit.problems()).extracting(ConfigProblem::toString).containsExactly(
                ".slipway/app.yaml:3: disk must be a positive integer (MB), not a string",
                ".slipway/app.yaml:5: hooks.build must be a string (a shell script), not a list",
                ".slipway/app.yaml:8: relationships.cache names service 'redis', which .slipway/services.yaml does not define",
                ".slipway/routes.yaml:1: the top level must be a mapping of routes, not a list",
                ".slipway/services.yaml:1: service 'mysql' needs a type, e.g. mysql:10.6");
    }

    @Test
    void servicesNeedATypeAndRoutesAMeaningfulOne() {
        Commit commit = Commit.with(".slipway/app.yaml", HEAD)
                .and(".slipway/services.yaml", "db:\n  type: 10\ncache: redis:7\n")
                .and(".slipway/routes.yaml", "\"https://{default}/\":\n  type: proxy\n\"https://x.{default}/\":\n  to: x\n");

        assertThat(commit.problems()).extracting(ConfigProblem::toString).containsExactly(
                ".slipway/routes.yaml:2: route 'https://{default}/' type must be upstream or redirect, not 'proxy'",
                ".slipway/routes.yaml:3: route 'https://x.{default}/' needs a type (upstream or redirect)",
                ".slipway/services.yaml:2: service 'db' type must be a string such as mysql:10.6, not an integer",
                ".slipway/services.yaml:3: service 'cache' must be a mapping with a type, not a string");
    }

    @Test
    void twoSpellingsOfOneMountAreRefused() {
        assertThat(Commit.with(".slipway/app.yaml", HEAD + "mounts:\n  var: {source: local}\n  /var/: {source: local}\n").problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(".slipway/app.yaml:5: mounts: path '/var/' is the same mount as the one at line 4");
    }
}
