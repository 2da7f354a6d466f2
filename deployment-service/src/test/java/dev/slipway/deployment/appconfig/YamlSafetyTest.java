package dev.slipway.deployment.appconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML is untrusted input: syntax errors, duplicates, alias bombs and foreign tags are problems with a line, never a crash. */
class YamlSafetyTest {

    private static List<ConfigProblem> problemsOf(String yaml) {
        return Commit.with(".slipway/app.yaml", yaml).problems();
    }

    @Test
    void invalidYamlGivesTheParsersLineAndShortReason() {
        List<ConfigProblem> problems = problemsOf("name: app\ntype: php:8.3\nhooks:\n  build: echo: x\n");

        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly(".slipway/app.yaml:4: mapping values are not allowed here");
    }

    @Test
    void unclosedFlowListNamesWhereItStarted() {
        List<ConfigProblem> problems = problemsOf("name: app\nweb: [a,\ntype: php:8.3\n");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).reason()).contains("while parsing a flow sequence at line 2");
    }

    @Test
    void tabIndentationIsExplained() {
        assertThat(problemsOf("name: app\nhooks:\n\tbuild: x\n")).extracting(ConfigProblem::toString)
                .singleElement().asString()
                .startsWith(".slipway/app.yaml:3: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void problemsNeverShowJavaClassNames() {
        List<String> reasons = List.of(
                        "a: [", "a: {b", "a: *nope", "a: !!python/object:os.system x", "a: 1\n---\nb: 2\n", "a: !!int x",
                        "? [a]\n: b\n")
                .stream().flatMap(yaml -> problemsOf(yaml).stream()).map(ConfigProblem::reason).toList();

        assertThat(reasons).isNotEmpty().allSatisfy(reason -> assertThat(reason)
                .doesNotContain("org.yaml", "java.", "Exception", "\tat "));
    }

    @Test
    void duplicateKeysAreProblemsAtTheSecondKey() {
        assertThat(problemsOf("name: app\ntype: php:8.3\nhooks:\n  build: a\n  build: b\nname: other\n"))
                .extracting(ConfigProblem::toString).containsExactly(
                        ".slipway/app.yaml:5: duplicate key 'build' (first at line 4)",
                        ".slipway/app.yaml:6: duplicate key 'name' (first at line 1)");
    }

    @Test
    void duplicateKeysAndRuleProblemsAreReportedTogether() {
        assertThat(problemsOf("name: app\ntype: php:8.3\ndisk: many\ndisk: 5\n"))
                .extracting(ConfigProblem::toString).containsExactly(
                        ".slipway/app.yaml:3: disk must be a positive integer (MB), not a string",
                        ".slipway/app.yaml:4: duplicate key 'disk' (first at line 3)");
    }

    @Test
    void moreThanFiftyAliasesOfListsAreRefused() {
        String bomb = "name: app\ntype: php:8.3\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                + "x-b: &b [" + "*a, ".repeat(9) + "*a]\n"
                + "x-c: &c [" + "*b, ".repeat(9) + "*b]\n"
                + "x-d: &d [" + "*c, ".repeat(9) + "*c]\n"
                + "x-e: &e [" + "*d, ".repeat(9) + "*d]\n"
                + "x-f: &f [" + "*e, ".repeat(9) + "*e]\n"
                + "x-g: &g [" + "*f, ".repeat(9) + "*f]\n";

        List<ConfigProblem> problems = problemsOf(bomb);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.reason()).isEqualTo("uses more than 50 aliases of lists or mappings (refused as a possible alias bomb)");
            assertThat(problem.line()).isBetween(8, 9);
        });
    }

    @Test
    void aliasesThatExpandTooFarAreRefusedEvenUnderTheAliasCount() {
        // 5 levels of 9 aliases each (45) expand to 10^5 strings.
        String bomb = "name: app\ntype: php:8.3\nx-a: &a [" + "lol, ".repeat(9) + "lol]\n"
                + "x-b: &b [" + "*a, ".repeat(8) + "*a]\n"
                + "x-c: &c [" + "*b, ".repeat(8) + "*b]\n"
                + "x-d: &d [" + "*c, ".repeat(8) + "*c]\n"
                + "x-e: &e [" + "*d, ".repeat(8) + "*d]\n"
                + "x-f: &f [" + "*e, ".repeat(8) + "*e]\n";

        assertThat(problemsOf(bomb)).extracting(ConfigProblem::reason)
                .containsExactly("expands to more than 100000 values through aliases");
    }

    @Test
    void aliasesWithinTheLimitsAreFine() {
        String yaml = "name: app\ntype: php:8.3\nx-env: &env [a, b]\nx-copy: *env\nx-again: *env\n";

        assertThat(Commit.with(".slipway/app.yaml", yaml).valid().app().raw().get("x-again")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aValueThatContainsItselfIsRefused() {
        assertThat(problemsOf("name: app\ntype: php:8.3\nx-loop: &loop\n  - *loop\n")).extracting(ConfigProblem::reason)
                .containsExactly("an alias refers to the value that contains it");
    }

    @Test
    void globalTagsAreRefusedByTheParser() {
        assertThat(problemsOf("name: app\ntype: php:8.3\nx: !!javax.script.ScriptEngineManager [a]\n"))
                .extracting(ConfigProblem::toString).containsExactly(
                        ".slipway/app.yaml:3: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
    }

    @Test
    void localTagsAreRefusedNotConstructed() {
        assertThat(problemsOf("name: app\ntype: php:8.3\nx: !custom [a]\ny: !custom z\nz: !!set {a, b}\n"))
                .extracting(ConfigProblem::toString).containsExactly(
                        ".slipway/app.yaml:3: uses the tag !custom; only plain YAML lists are read",
                        ".slipway/app.yaml:4: uses the tag !custom; only plain YAML values are read",
                        ".slipway/app.yaml:5: uses the tag !!set; only plain YAML mappings are read");
    }

    @Test
    void moreThanOneDocumentIsAProblem() {
        assertThat(problemsOf("name: app\ntype: php:8.3\n---\nname: b\n")).extracting(ConfigProblem::toString)
                .containsExactly(".slipway/app.yaml:3: but found another document (expected a single document in the stream at line 1)");
    }

    @Test
    void filesOverOneMebibyteAreRefusedBeforeParsing() {
        String big = "name: app\ntype: php:8.3\nx: \"" + "a".repeat(YamlReader.MAX_BYTES) + "\"\n";

        assertThat(problemsOf(big)).extracting(ConfigProblem::toString)
                .containsExactly(".slipway/app.yaml:1: is larger than 1 MiB");
    }

    @Test
    void invalidUtf8IsAProblem() {
        byte[] content = "name: app\ntype: php:8.3\nx: \"".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[content.length + 3];
        System.arraycopy(content, 0, broken, 0, content.length);
        broken[content.length] = (byte) 0xC3;
        broken[content.length + 1] = (byte) 0x28;
        broken[content.length + 2] = '"';

        assertThat(new Commit().andBytes(".slipway/app.yaml", broken).problems()).extracting(ConfigProblem::reason)
                .containsExactly("is not valid UTF-8");
    }
}
