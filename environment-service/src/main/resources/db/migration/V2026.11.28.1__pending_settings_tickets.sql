-- SEC-3, TKT-5: approved DEPLOYMENT_SETTINGS tickets waiting for their sensitive values, which
-- ticket-service serves over its internal API and never puts in events. Recorded with the approval
-- event (its data as JSON, without any sensitive value), removed when the ticket is answered.
-- claim_id / claimed_until: the instance reading the values now (a lease, SPEC §1);
-- due_at / failures / last_delay: retries with backoff while ticket-service is unavailable (SEC-4).
CREATE TABLE pending_settings_ticket (
    ticket_id       VARCHAR(64)   NOT NULL,
    attempt         INTEGER       NOT NULL,
    project_id      VARCHAR(32)   NOT NULL,
    environment_id  VARCHAR(32)   NOT NULL,
    ticket          TEXT          NOT NULL,
    recorded_at     TIMESTAMPTZ   NOT NULL,
    due_at          TIMESTAMPTZ   NOT NULL,
    failures        INTEGER       NOT NULL DEFAULT 0,
    claim_id        UUID,
    claimed_until   TIMESTAMPTZ,
    last_delay      VARCHAR(500),
    PRIMARY KEY (ticket_id, attempt)
);
CREATE INDEX pending_settings_ticket_due ON pending_settings_ticket (due_at);
