package dev.slipway.events;

import java.util.Optional;

/**
 * The three kinds of environment (ENV-1, ENV-5, ENV-6). Integration environments are git branches
 * on shared hardware and self-service; Staging and Production are single, on dedicated hardware,
 * and change only through tickets.
 */
public enum EnvironmentType {
    INTEGRATION("Integration"), STAGING("Staging"), PRODUCTION("Production");

    private final String label;

    EnvironmentType(String label) {
        this.label = label;
    }

    /** ENV-5: Staging and Production change only through approved tickets. */
    public boolean isSelfService() {
        return this == INTEGRATION;
    }

    /** ENV-6: Staging and Production run on dedicated hardware. */
    public boolean hasDedicatedHardware() {
        return this != INTEGRATION;
    }

    /**
     * The type of the environment with this id: ENV-1 and ENV-2 reserve {@code staging} and
     * {@code production} for the two tiers, so every other id is an Integration environment.
     */
    public static EnvironmentType ofEnvironmentId(String environmentId) {
        return switch (environmentId) {
            case "staging" -> STAGING;
            case "production" -> PRODUCTION;
            default -> INTEGRATION;
        };
    }

    /** ENV-1: the id of the single Staging or Production environment; null for Integration. */
    public String tierId() {
        return switch (this) {
            case STAGING -> "staging";
            case PRODUCTION -> "production";
            case INTEGRATION -> null;
        };
    }

    /**
     * DEP-5, DEP-7: the environment a commit is promoted from (Integration master for Staging,
     * Staging for Production); empty for Integration.
     */
    public Optional<String> promotedFrom() {
        return switch (this) {
            case STAGING -> Optional.of("master");
            case PRODUCTION -> Optional.of(STAGING.tierId());
            case INTEGRATION -> Optional.empty();
        };
    }

    /** ENV-6: how many nodes the environment runs on: Production three, the others one. */
    public int nodes() {
        return this == PRODUCTION ? 3 : 1;
    }

    /** How people name it: "Integration", "Staging", "Production". */
    public String label() {
        return label;
    }
}
