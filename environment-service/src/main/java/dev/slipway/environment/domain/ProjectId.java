package dev.slipway.environment.domain;

import java.util.regex.Pattern;

/**
 * A project's id (ENV-1): 3-32 lowercase letters and digits, starting with a letter. It has no
 * {@code -}, so {@code <project>-<env>} (SSH users, host names) always parses.
 */
public record ProjectId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9]{2,31}");

    public ProjectId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new DomainException("ENV-1", 400, "invalid-project-id",
                    "A project id is 3-32 lowercase letters and digits, starting with a letter.");
        }
    }


    @Override
    public String toString() {
        return value;
    }
}
