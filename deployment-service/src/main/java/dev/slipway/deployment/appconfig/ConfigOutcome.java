package dev.slipway.deployment.appconfig;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** What reading a commit's configuration gave: the configuration, or every problem found (CFG-2). */
public sealed interface ConfigOutcome {

    /** Every rule held. */
    record Valid(CommitConfig config) implements ConfigOutcome {

        public Valid {
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * At least one rule was broken: the deployment fails at VALIDATE (DEP-2) with
     * {@link #message()}. Problems are ordered by file, then line.
     */
    record Invalid(String commit, List<ConfigProblem> problems) implements ConfigOutcome {

        public Invalid {
            Objects.requireNonNull(commit, "commit");
            problems = problems.stream().sorted().toList();
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid configuration has at least one problem");
            }
        }

        /** The VALIDATE failure: a first line naming the commit, then one problem a line. */
        public String message() {
            return "invalid configuration in commit " + commit + ":\n"
                    + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
        }
    }
}
