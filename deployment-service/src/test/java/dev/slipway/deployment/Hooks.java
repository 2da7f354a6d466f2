package dev.slipway.deployment;

import java.util.Map;

/**
 * The hooks of a test's app (CFG-2), as the {@code .slipway/app.yaml} that carries them: a valid
 * app with a {@code var} mount (DEP-7's data) and these scripts; null leaves a hook out.
 */
record Hooks(String build, String deploy, String postDeploy) {

    static final String APP_YAML = ".slipway/app.yaml";

    String appYaml() {
        StringBuilder yaml = new StringBuilder("""
                name: shop
                type: php:8.3
                mounts:
                  var: {source: local, source_path: var}
                hooks:
                """);
        hook(yaml, "build", build);
        hook(yaml, "deploy", deploy);
        hook(yaml, "post_deploy", postDeploy);
        return yaml.toString();
    }

    /** The files of a commit holding this app and an index page. */
    Map<String, String> files() {
        return Map.of(APP_YAML, appYaml(), "index.php", "<?php echo 'hello';\n");
    }

    private static void hook(StringBuilder yaml, String name, String script) {
        if (script != null) {
            yaml.append("  ").append(name).append(": |\n");
            script.strip().lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
        }
    }
}
