-- API-6: the first answer to a creating POST with an Idempotency-Key, replayed for repeats.
CREATE TABLE idempotency_record (
    user_id       VARCHAR(200)  NOT NULL,
    idem_key      VARCHAR(200)  NOT NULL,
    fingerprint   VARCHAR(64)   NOT NULL,
    status        INTEGER       NOT NULL,
    location      VARCHAR(1000),
    body          TEXT,
    created_at    TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);
