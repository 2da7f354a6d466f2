package dev.slipway.environment.domain;

import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.Refusal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A git branch that is (or becomes) an Integration environment, and the environment id derived
 * from it (ENV-2).
 */
public record BranchName(String value) {

    private static final Pattern FORBIDDEN = Pattern.compile("[{}()*<>&%\\s~^:?\\[\\\\\\x00-\\x1f\\x7f]");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");
    private static final Set<String> RESERVED = Set.of("staging", "production");

    public BranchName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new DomainException("ENV-2", 400, "invalid-branch-name", "Branch name '" + value + "' " + problem + ".");
        }
    }

    /** Why {@code name} is not an acceptable branch name (git's ref rules plus ENV-2's), or null. */
    static String problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > 255) {
            return "is longer than 255 characters";
        }
        if (FORBIDDEN.matcher(name).find()) {
            return "contains whitespace, a control character or one of { } ( ) * < > & % ~ ^ : ? [ \\";
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return "has an empty path component";
        }
        if (name.contains("..") || name.contains("@{") || name.equals("@") || name.endsWith(".")) {
            return "is not a valid git ref name";
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".") || component.endsWith(".lock")) {
                return "is not a valid git ref name";
            }
        }
        if (name.startsWith("-")) {
            return "starts with '-'";
        }
        return null;
    }

    /**
     * The environment id: lowercase, {@code / _ .} and spaces become {@code -}; it must be
     * {@code [a-z0-9-]}, 1-32 characters, not starting or ending with {@code -}, and not reserved.
     */
    public String environmentId() {
        Refusal.raise(idRefusal(value));
        return slug(value);
    }

    /** A branch that can be an environment (ENV-2), or empty: for pushes, where the branch exists whatever its name. */
    public static Optional<BranchName> ofEnvironment(String value) {
        return problemWith(value) == null && idRefusal(value).isEmpty() ? Optional.of(new BranchName(value)) : Optional.empty();
    }

    private static String slug(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[/_. ]", "-");
    }

    private static Optional<Refusal> idRefusal(String value) {
        String slug = slug(value);
        if (!SLUG.matcher(slug).matches()) {
            return Refusal.of("ENV-2", 400, "invalid-branch-name", "Branch name '" + value + "' gives environment id '" + slug
                    + "', which is not 1-32 of a-z, 0-9 and '-', starting and ending with a letter or digit.");
        }
        if (RESERVED.contains(slug)) {
            return Refusal.of("ENV-2", 400, "reserved-environment-id", "Environment id '" + slug + "' is reserved.");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
