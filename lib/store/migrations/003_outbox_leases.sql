-- Outbox leases: every app instance sharing the database polls the outbox, so an instance claims
-- the deliveries it is about to send (claimed_by, until claimed_until, epoch ms) and the others
-- skip them; a crashed instance's claims come back once they expire.
alter table webhook_deliveries add column claimed_by text;
alter table webhook_deliveries add column claimed_until bigint;
