-- TKT-5: the approvals (ticket and attempt) this service has acted on. The inbox recognises an event
-- delivered again under its id; this recognises the same approval published again under a new id,
-- so it acts once: a republished settings ticket cannot undo a later one.
CREATE TABLE ticket_approval (
    ticket_id    VARCHAR(64)   NOT NULL,
    attempt      INTEGER       NOT NULL,
    received_at  TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (ticket_id, attempt)
);
