-- The search document of an incident, stored (column `search`) instead of indexed as an expression
-- (0001's incidents_search_idx over incidents_search_doc(…)). Not declared in db/schema-pg: SQLite
-- has no such column (its FTS5 table plays the part), and no query selects it.
-- Why: an index over an expression computes it in the writing statement, with no way to hand it a
-- value, so an import paid PostgreSQL's text parser for every row (~40 µs of database CPU each,
-- about half of an import's). A column can be filled by its writer: the import computes the ASCII
-- documents in Node (lib/search/ascii-search-doc.ts) and sends them with its COPY, and the rows it
-- leaves NULL (other text) are computed here. A search also reads the stored document on recheck
-- instead of recomputing it.
-- The column is added as a generated one and then made plain: one table rewrite fills every
-- existing row (no dead tuples, no row trigger), and the values stay when the expression is dropped.
DROP INDEX incidents_search_idx;
--> statement-breakpoint
ALTER TABLE incidents ADD COLUMN search tsvector
  GENERATED ALWAYS AS (public.incidents_search_doc(location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes)) STORED;
--> statement-breakpoint
ALTER TABLE incidents ALTER COLUMN search DROP EXPRESSION;
--> statement-breakpoint
CREATE INDEX incidents_search_idx ON incidents USING gin (search);
--> statement-breakpoint
-- Every writer but the import leaves `search` to the database: a row inserted without one, or
-- updated in a searched column without a new one, gets incidents_search_doc of its columns. A
-- document given by the writer (the import's) is kept: it is the same function's value. The WHEN
-- clauses are tested before any function call, so rows that bring their document cost nothing here.
CREATE FUNCTION incidents_search_fill() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.search := public.incidents_search_doc(NEW.location, NEW.admin3, NEW.admin2, NEW.admin1, NEW.actor1, NEW.assoc_actors, NEW.actor2, NEW.group_id, NEW.notes);
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER incidents_search_bi BEFORE INSERT ON incidents
  FOR EACH ROW WHEN (NEW.search IS NULL) EXECUTE FUNCTION incidents_search_fill();
--> statement-breakpoint
CREATE TRIGGER incidents_search_bu BEFORE UPDATE ON incidents
  FOR EACH ROW WHEN (
    NEW.search IS NULL
    OR ((OLD.location, OLD.admin3, OLD.admin2, OLD.admin1, OLD.actor1, OLD.assoc_actors, OLD.actor2, OLD.group_id, OLD.notes)
          IS DISTINCT FROM (NEW.location, NEW.admin3, NEW.admin2, NEW.admin1, NEW.actor1, NEW.assoc_actors, NEW.actor2, NEW.group_id, NEW.notes)
        AND NEW.search IS NOT DISTINCT FROM OLD.search)
  ) EXECUTE FUNCTION incidents_search_fill();
