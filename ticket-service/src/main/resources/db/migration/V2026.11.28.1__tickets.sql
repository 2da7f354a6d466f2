-- SPEC §5: tickets (TKT-1..6) and their history of transitions (TKT-4: actor, time, reason).
CREATE TABLE ticket (
    id                 UUID          PRIMARY KEY,
    project_id         VARCHAR(32)   NOT NULL,
    environment_id     VARCHAR(32)   NOT NULL,
    type               VARCHAR(32)   NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    priority           VARCHAR(8)    NOT NULL,
    subject            VARCHAR(200)  NOT NULL,
    description        TEXT,
    requested_by       VARCHAR(128)  NOT NULL,
    created_at         TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL,
    first_response_at  TIMESTAMPTZ,
    resolved_at        TIMESTAMPTZ,
    result_detail      TEXT,
    result_id          VARCHAR(128),
    version            BIGINT        NOT NULL
);
-- TKT-6: a project's queue, by priority then age.
CREATE INDEX ticket_queue ON ticket (project_id, state, priority, created_at);

CREATE TABLE ticket_transition (
    id          UUID          PRIMARY KEY,
    ticket_id   UUID          NOT NULL REFERENCES ticket (id),
    action      VARCHAR(16)   NOT NULL,
    from_state  VARCHAR(16)   NOT NULL,
    to_state    VARCHAR(16)   NOT NULL,
    actor       VARCHAR(160)  NOT NULL,
    at          TIMESTAMPTZ   NOT NULL,
    reason      TEXT
);
CREATE INDEX ticket_transition_of ON ticket_transition (ticket_id, at);
