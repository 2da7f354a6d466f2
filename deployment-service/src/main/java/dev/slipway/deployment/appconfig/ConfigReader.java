package dev.slipway.deployment.appconfig;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the configuration of a commit for the VALIDATE phase (CFG-1..3): finds the files, parses
 * them safely, checks every rule and reports all broken ones. A commit without
 * {@code .slipway/app.yaml} or {@code .magento.app.yaml} is invalid: Slipway would not know what
 * to build or run, so it fails VALIDATE rather than deploying without hooks.
 */
public final class ConfigReader {

    private ConfigReader() {
    }

    public static ConfigOutcome read(String commit, CommitFiles files) {
        return read(ConfigFiles.locate(commit, files));
    }

    public static ConfigOutcome read(ConfigFiles files) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<ConfigFileKind, YamlReader.Result> parsed = new EnumMap<>(ConfigFileKind.class);
        for (ConfigFile file : files.files().values()) {
            YamlReader.Result result = YamlReader.read(file.path(), file.content());
            problems.addAll(result.problems());
            parsed.put(file.kind(), result);
        }

        Map<String, Object> services = Map.of();
        Set<String> serviceNames = Set.of();
        Optional<ConfigFile> servicesFile = files.file(ConfigFileKind.SERVICES);
        if (servicesFile.isPresent()) {
            YamlReader.Result result = parsed.get(ConfigFileKind.SERVICES);
            serviceNames = null; // unknown unless the file reads: relationships are not checked against it then
            if (result.readable()) {
                services = ServicesYaml.read(result.root(), new FileProblems(servicesFile.get().path(), problems));
                serviceNames = result.root() instanceof YamlNode.Mapping mapping ? mapping.entries().keySet() : Set.of();
            }
        }

        Map<String, Object> routes = Map.of();
        Optional<ConfigFile> routesFile = files.file(ConfigFileKind.ROUTES);
        if (routesFile.isPresent() && parsed.get(ConfigFileKind.ROUTES).readable()) {
            routes = RoutesYaml.read(parsed.get(ConfigFileKind.ROUTES).root(), new FileProblems(routesFile.get().path(), problems));
        }

        AppConfig app = null;
        Optional<ConfigFile> appFile = files.file(ConfigFileKind.APP);
        if (appFile.isEmpty()) {
            problems.add(new ConfigProblem(ConfigFileKind.APP.slipwayPath(), 0,
                    "no .slipway/app.yaml or .magento.app.yaml in commit " + files.commit()));
        } else if (parsed.get(ConfigFileKind.APP).readable()) {
            app = AppYaml.read(parsed.get(ConfigFileKind.APP).root(), new FileProblems(appFile.get().path(), problems),
                    serviceNames, servicesFile.map(ConfigFile::path).orElse(null));
        }

        if (!problems.isEmpty()) {
            return new ConfigOutcome.Invalid(files.commit(), problems);
        }
        Map<ConfigFileKind, Object> documents = new EnumMap<>(ConfigFileKind.class);
        parsed.forEach((kind, result) -> documents.put(kind, result.root() == null ? null : result.root().plain()));
        return new ConfigOutcome.Valid(new CommitConfig(files.commit(), files.paths(), app, routes, services,
                ConfigDigest.ofDocuments(documents)));
    }
}
