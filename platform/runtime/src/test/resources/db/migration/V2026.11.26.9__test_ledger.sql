-- Test-only table: the effect of the test event handler.
CREATE TABLE test_ledger (
    entry_id   BIGSERIAL    PRIMARY KEY,
    event_id   VARCHAR(200) NOT NULL,
    account    VARCHAR(100) NOT NULL,
    amount     INTEGER      NOT NULL
);
