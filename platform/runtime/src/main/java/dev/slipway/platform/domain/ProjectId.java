package dev.slipway.platform.domain;

import java.util.regex.Pattern;

/**
 * A project's id (ENV-1): 3-32 lowercase letters and digits, starting with a letter. It has no
 * {@code -}, so {@code <project>-<env>} (SSH users, host names) always parses, and it is safe as a
 * file name (the gateway's {@code <project>.git}).
 */
public record ProjectId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9]{2,31}");

    public ProjectId {
        if (!isValid(value)) {
            throw new DomainException("ENV-1", 400, "invalid-project-id",
                    "A project id is 3-32 lowercase letters and digits, starting with a letter.");
        }
    }

    /** Whether {@code value} is a project id, for callers that must not throw (event handlers, SSH user names). */
    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
