package dev.slipway.events.environment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What was done to an environment (ENV-4, SSH-4): the operations users run and the pushes that
 * create, deploy or delete environments. Each is an Activity type (API-3) on the wire, e.g.
 * {@code environment.branch}.
 */
public enum EnvironmentOperation {
    BRANCH("branch", "branched"),
    MERGE("merge", "merged"),
    SYNC("sync", "synchronized"),
    ACTIVATE("activate", "activated"),
    DEACTIVATE("deactivate", "deactivated"),
    DELETE("delete", "deleted"),
    REDEPLOY("redeploy", "redeployed"),
    PUSH("push", "pushed");

    private static final String PREFIX = "environment.";

    private final String verb;
    private final String pastTense;

    EnvironmentOperation(String verb, String pastTense) {
        this.verb = verb;
        this.pastTense = pastTense;
    }

    /** The verb as users say it: "branch", "sync". */
    public String verb() {
        return verb;
    }

    /** For refusals: "Inactive environments cannot be synchronized". */
    public String pastTense() {
        return pastTense;
    }

    /** The Activity type (API-3), e.g. {@code environment.sync}. */
    @JsonValue
    public String activityType() {
        return PREFIX + verb;
    }

    /** The operation of an Activity type, e.g. {@code environment.sync}; IllegalArgumentException names the accepted ones. */
    @JsonCreator
    public static EnvironmentOperation ofActivityType(String type) {
        return Arrays.stream(values()).filter(operation -> operation.activityType().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + type + "' is not one of "
                        + Arrays.stream(values()).map(EnvironmentOperation::activityType).collect(Collectors.joining(", "))));
    }
}
