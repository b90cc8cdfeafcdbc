-- The day rollup of the rows an import inserts is summed by the import itself (db/services/
-- import-writer-pg.ts): it has every row's values before sending them, and one upsert of a
-- batch's sums per (day, region, group, event type) costs the database far less than this
-- trigger's pass over the statement's transition table of whole rows (~6% of an import's
-- database CPU, docs/benchmarks-history.md "PostgreSQL import, round 3"). The import says so
-- with a transaction-local setting (set_config('frontier.import_rollup', 'on', true)), around
-- its own INSERT statements only; every other writer, and any update or delete, still goes
-- through the trigger, so the rollup stays exact for writers on other connections.
DROP TRIGGER incident_day_stats_ai ON incidents;
--> statement-breakpoint
CREATE TRIGGER incident_day_stats_ai AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT WHEN (current_setting('frontier.import_rollup', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION incident_day_stats_apply();
