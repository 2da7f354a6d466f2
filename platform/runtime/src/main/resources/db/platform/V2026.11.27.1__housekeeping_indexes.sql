-- Housekeeping prunes applied event ids by age (EVT-3: kept as long as the topics can redeliver them).
CREATE INDEX inbox_event_processed ON inbox_event (processed_at);
