-- TKT-5: a TICKET deployment remembers which approval of its ticket it fulfils (1, then one more per
-- retry, TKT-3), so each of its events names that attempt; null for every other trigger.
ALTER TABLE deployment ADD COLUMN ticket_attempt INT;
