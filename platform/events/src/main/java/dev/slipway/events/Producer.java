package dev.slipway.events;

/** The four services; each produces to exactly one topic (EVT-2) and is the CloudEvents source. */
public enum Producer {
    ENVIRONMENT_SERVICE("environment-service", Topics.ENVIRONMENTS),
    DEPLOYMENT_SERVICE("deployment-service", Topics.DEPLOYMENTS),
    TICKET_SERVICE("ticket-service", Topics.TICKETS),
    SSH_GATEWAY_ACCESS("ssh-gateway", Topics.ACCESS),
    SSH_GATEWAY_GIT("ssh-gateway", Topics.GIT);

    private final String service;
    private final String topic;

    Producer(String service, String topic) {
        this.service = service;
        this.topic = topic;
    }

    public String service() {
        return service;
    }

    public String topic() {
        return topic;
    }

    /** CloudEvents {@code source} (EVT-1). */
    public String source() {
        return "/slipway/" + service;
    }
}
