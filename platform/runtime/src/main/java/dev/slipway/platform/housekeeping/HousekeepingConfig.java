package dev.slipway.platform.housekeeping;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What the service's tables keep, and for how long (see docs/architecture.md, "Housekeeping"). */
@ConfigMapping(prefix = "slipway.housekeeping")
public interface HousekeepingConfig {

    /** How often one instance of the service prunes. */
    @WithDefault("10m")
    Duration interval();

    /** Published outbox rows, kept for inspection. */
    @WithDefault("P7D")
    Duration outboxRetention();

    /**
     * Ids of applied events. A topic can redeliver an event only while it keeps it, so this must be
     * longer than the topics' {@code retention.ms} (7 days locally and in the Kubernetes manifests)
     * plus how long a consumer may lag: 8 days.
     */
    @WithDefault("P8D")
    Duration inboxRetention();

    /** Idempotency keys: API-6 replays a repeat within 24 hours. */
    @WithDefault("PT24H")
    Duration idempotencyRetention();

    /** Rows deleted per statement, so pruning never holds long locks. */
    @WithDefault("5000")
    int batchSize();
}
