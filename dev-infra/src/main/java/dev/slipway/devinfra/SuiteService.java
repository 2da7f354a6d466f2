package dev.slipway.devinfra;

/** The four services of the suite, their HTTP ports and databases (SPEC §1). */
public enum SuiteService {
    ENVIRONMENT("environment-service", 8081, "slipway_environment"),
    DEPLOYMENT("deployment-service", 8082, "slipway_deployment"),
    TICKET("ticket-service", 8083, "slipway_ticket"),
    GATEWAY("ssh-gateway", 8084, "slipway_gateway");

    private final String module;
    private final int port;
    private final String database;

    SuiteService(String module, int port, String database) {
        this.module = module;
        this.port = port;
        this.database = database;
    }

    /** Folder and application name, e.g. {@code environment-service}. */
    public String module() {
        return module;
    }

    /** HTTP port of the first instance. */
    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    /** The service whose module is {@code name}. */
    public static SuiteService named(String name) {
        for (SuiteService service : values()) {
            if (service.module.equals(name)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service " + name + "; one of environment-service, deployment-service, ticket-service, ssh-gateway");
    }
}
