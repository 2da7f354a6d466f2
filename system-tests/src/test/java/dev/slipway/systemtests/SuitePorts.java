package dev.slipway.systemtests;

import dev.slipway.devinfra.SuiteService;

/**
 * The suite's own ports, so that it runs beside {@code bin/slipway up} (8081-8084, 2222, Kafka 9092)
 * and the other modules' test runs (Kafka 19092-19692, HTTP 18182-18193 and 18484-18786) on one
 * machine without meeting them.
 */
final class SuitePorts {

    /** The broker's PLAINTEXT listener; its controller listens on the next port. */
    static final int KAFKA = 19772;
    static final int KAFKA_CONTROLLER = 19773;
    /** ssh-gateway's SSH server (SSH-3). */
    static final int SSH = 18822;

    private SuitePorts() {
    }

    /** HTTP of each service, in SPEC §1's order: 18881 environment-service ... 18884 ssh-gateway. */
    static int http(SuiteService service) {
        return switch (service) {
            case ENVIRONMENT -> 18881;
            case DEPLOYMENT -> 18882;
            case TICKET -> 18883;
            case GATEWAY -> 18884;
        };
    }
}
