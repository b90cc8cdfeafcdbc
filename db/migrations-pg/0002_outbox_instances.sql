-- Several app instances over one database (issue 19, docs/scale-out.md "Several instances").
-- Hand-written (drizzle-kit generate --custom): a column drizzle never reads or writes, an index
-- over it, and a trigger.

-- events.xid: the id of the transaction that appended the row (pg_current_xact_id(), as a bigint:
-- epoch << 32 | xid, far below 2^53). `seq` comes from one identity, but transactions commit out of
-- seq order, so a reader of `seq > last` could pass a seq whose transaction commits later and never
-- see it. The readers of db/queries/outbox.ts deliver rows in (xid, seq) order, only up to the
-- oldest write transaction of the database still running (the proof is there). Not declared in db/schema-pg: nothing but
-- those readers uses it, and every insert fills it by default. Existing rows get this migration's
-- transaction id: one transaction, so they keep their seq order.
ALTER TABLE events ADD COLUMN xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
--> statement-breakpoint
CREATE INDEX events_xid_seq_idx ON events (xid, seq);
--> statement-breakpoint

-- Every instance LISTENs on frontier_outbox (db/pg/outbox-listener.ts) and wakes its live streams
-- and caches when it hears it. Per statement, in the database, so every writer (API, import, CLI,
-- db:copy) is covered; PostgreSQL delivers a NOTIFY at commit only, and folds the identical
-- notifications of one transaction into one.
CREATE FUNCTION events_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('frontier_outbox', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION events_notify();
