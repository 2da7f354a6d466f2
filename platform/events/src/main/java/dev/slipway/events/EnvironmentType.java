package dev.slipway.events;

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

    /** How people name it: "Integration", "Staging", "Production". */
    public String label() {
        return label;
    }
}
