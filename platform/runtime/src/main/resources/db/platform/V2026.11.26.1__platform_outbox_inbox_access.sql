-- Shared by every service (slipway-platform). Versions are dates so that platform and service
-- migrations interleave in the order they were written.

-- EVT-3: events written in the same transaction as the state change; the relay publishes them in seq order.
CREATE TABLE outbox_event (
    seq           BIGSERIAL PRIMARY KEY,
    id            UUID         NOT NULL UNIQUE,
    topic         VARCHAR(128) NOT NULL,
    kafka_key     VARCHAR(128) NOT NULL,
    type          VARCHAR(200) NOT NULL,
    source        VARCHAR(200) NOT NULL,
    subject       VARCHAR(500),
    occurred_at   TIMESTAMPTZ  NOT NULL,
    data          TEXT         NOT NULL,
    published_at  TIMESTAMPTZ,
    attempts      INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- EVT-3: ids of events a consumer applied, recorded in the transaction of their effect.
CREATE TABLE inbox_event (
    consumer      VARCHAR(100) NOT NULL,
    event_id      VARCHAR(200) NOT NULL,
    type          VARCHAR(200) NOT NULL,
    processed_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

-- ENV-9 / SEC-1: who holds which role on which project. environment-service owns it; the other
-- services keep this table as a read model fed by the membership events.
CREATE TABLE project_access (
    project_id    VARCHAR(32)  NOT NULL,
    user_id       VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('VIEWER', 'CONTRIBUTOR', 'ADMIN')),
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_access_user ON project_access (user_id);
