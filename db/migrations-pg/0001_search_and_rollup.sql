-- What SQLite does with a registered function, FTS5 tables and triggers (db/migrations 0001, 0003,
-- 0005, 0009), done the PostgreSQL way. Hand-written: drizzle-kit declares tables, not these.

-- local_day(ms, zone): days since 1970-01-01 of the local calendar date of an epoch-ms instant in
-- a zone, as lib/time/zone.ts localDay (which SQLite registers under the same name). Integer
-- interval arithmetic, so no float rounding at a day's edge. STABLE, not IMMUTABLE: a tzdata
-- update can move a zone's offsets.
CREATE FUNCTION local_day(ms bigint, zone text) RETURNS integer
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT ((TIMESTAMPTZ 'epoch' + ms * INTERVAL '1 millisecond') AT TIME ZONE zone)::date - DATE '1970-01-01'
$$;
--> statement-breakpoint

-- Words are letters and digits by the database's character classes: under a C or POSIX LC_CTYPE,
-- PostgreSQL takes no letter outside ASCII for one, and Urdu, Pashto, Dari or an accented name would
-- silently vanish from search. Refuse such a database here, with the reason, rather than later.
DO $$
DECLARE ctype text := (SELECT datctype FROM pg_database WHERE datname = current_database());
BEGIN
  IF current_setting('server_encoding') <> 'UTF8' OR ctype !~* 'utf-?8' THEN
    RAISE EXCEPTION 'Frontier Watch needs a UTF8 database with a UTF-8 LC_CTYPE (found encoding %, LC_CTYPE %)', current_setting('server_encoding'), ctype
      USING HINT = 'CREATE DATABASE ... TEMPLATE template0 ENCODING ''UTF8'' LC_COLLATE ''C.UTF-8'' LC_CTYPE ''C.UTF-8'', or initdb --locale=C.UTF-8';
  END IF;
END
$$;
--> statement-breakpoint

-- Full text. SQLite's tables use unicode61 with remove_diacritics 2: words are runs of letters and
-- digits, case- and accent-insensitive, and searches are AND-ed prefix terms (lib/validation/fts.ts).
-- Here: punctuation becomes a space first (so PostgreSQL's parser sees the same words, not URLs,
-- e-mail addresses or hyphenated compounds), then the `simple` dictionary after `unaccent`.
-- unaccent ships with PostgreSQL (contrib) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION frontier_search (COPY = pg_catalog.simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION frontier_search
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
  WITH unaccent, simple;
--> statement-breakpoint
-- IMMUTABLE so it can be indexed: it names its configuration explicitly and depends on nothing else.
CREATE FUNCTION search_doc(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('public.frontier_search'::regconfig, regexp_replace(normalize(coalesce(body, ''), NFKC), '[^[:alnum:]]+', ' ', 'g'))
$$;
--> statement-breakpoint
-- The text of SQLite's incidents_fts columns (location, actors, notes) as one document. No stored
-- column: a GIN index over the expression, as the FTS5 table was contentless. Queries use
-- `incidents_search_doc(<the same columns>) @@ to_tsquery('public.frontier_search', <toTsQuery(q)>)`.
CREATE FUNCTION incidents_search_doc(location text, admin3 text, admin2 text, admin1 text, actor1 text, assoc_actors text, actor2 text, group_id text, notes text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.search_doc(concat_ws(' ', location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes))
$$;
--> statement-breakpoint
CREATE INDEX incidents_search_idx ON incidents USING gin (public.incidents_search_doc(location, admin3, admin2, admin1, actor1, assoc_actors, actor2, group_id, notes));
--> statement-breakpoint
CREATE FUNCTION reports_search_doc(title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.search_doc(concat_ws(' ', title, body))
$$;
--> statement-breakpoint
CREATE INDEX reports_search_idx ON reports USING gin (public.reports_search_doc(title, text));
--> statement-breakpoint

-- The incident_day_stats rollup (SQLite: per-row triggers of 0003). Per statement with transition
-- tables instead: an import of a million rows folds into one grouped upsert, not a million. Each
-- statement's rows are summed with a sign (+1 new, -1 old) per (day, region, group, type); groups
-- whose sums are all zero (an update that moved nothing) are skipped. Upserts go in key order, so
-- concurrent writers lock rollup rows in one order (no deadlock), and ON CONFLICT ... DO UPDATE adds
-- to the latest committed row under READ COMMITTED, which keeps the counts exact across instances.
CREATE FUNCTION incident_day_stats_apply() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  changed text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM incident_day_stats;
    RETURN NULL;
  END IF;
  changed := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
    ELSE 'SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1, n.* FROM new_rows n'
  END;
  EXECUTE format($q$
    WITH changed AS (%s),
    delta AS (
      SELECT occurred_day AS day, coalesce(region, 'none') AS region, group_id, event_type,
        sum(sign) AS incidents,
        sum(sign * coalesce(killed, 0)) AS killed,
        sum(sign * coalesce(injured, 0)) AS injured,
        sum(sign * coalesce(killed_security, 0)) AS killed_security,
        sum(sign * coalesce(killed_civilians, 0)) AS killed_civilians,
        sum(sign * coalesce(killed_militants, 0)) AS killed_militants,
        sum(sign * greatest(0, coalesce(killed, 0) - coalesce(killed_security, 0) - coalesce(killed_civilians, 0) - coalesce(killed_militants, 0))) AS killed_unattributed,
        sum(sign * coalesce(injured_security, 0)) AS injured_security,
        sum(sign * coalesce(injured_civilians, 0)) AS injured_civilians,
        sum(sign * coalesce(injured_militants, 0)) AS injured_militants,
        sum(sign * greatest(0, coalesce(injured, 0) - coalesce(injured_security, 0) - coalesce(injured_civilians, 0) - coalesce(injured_militants, 0))) AS injured_unattributed,
        sum(sign * (time_precision > 1)::int) AS imprecise,
        sum(sign * cross_border::int) AS cross_border,
        sum(sign * (claim_status = 'claimed')::int) AS claimed,
        sum(sign * (dataset = 'demo')::int) AS demo,
        sum(sign * (dataset = 'import')::int) AS imported,
        sum(sign * (dataset = 'live')::int) AS live
      FROM changed
      GROUP BY 1, 2, 3, 4
    )
    INSERT INTO incident_day_stats AS s (day, region, group_id, event_type, incidents, killed, injured, killed_security, killed_civilians, killed_militants, killed_unattributed, injured_security, injured_civilians, injured_militants, injured_unattributed, imprecise, cross_border, claimed, demo, imported, live)
    SELECT * FROM delta d
    WHERE (d.incidents, d.killed, d.injured, d.killed_security, d.killed_civilians, d.killed_militants, d.killed_unattributed, d.injured_security, d.injured_civilians, d.injured_militants, d.injured_unattributed, d.imprecise, d.cross_border, d.claimed, d.demo, d.imported, d.live)
      IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY d.day, d.region, d.group_id, d.event_type
    ON CONFLICT (day, region, group_id, event_type) DO UPDATE SET
      incidents = s.incidents + excluded.incidents,
      killed = s.killed + excluded.killed,
      injured = s.injured + excluded.injured,
      killed_security = s.killed_security + excluded.killed_security,
      killed_civilians = s.killed_civilians + excluded.killed_civilians,
      killed_militants = s.killed_militants + excluded.killed_militants,
      killed_unattributed = s.killed_unattributed + excluded.killed_unattributed,
      injured_security = s.injured_security + excluded.injured_security,
      injured_civilians = s.injured_civilians + excluded.injured_civilians,
      injured_militants = s.injured_militants + excluded.injured_militants,
      injured_unattributed = s.injured_unattributed + excluded.injured_unattributed,
      imprecise = s.imprecise + excluded.imprecise,
      cross_border = s.cross_border + excluded.cross_border,
      claimed = s.claimed + excluded.claimed,
      demo = s.demo + excluded.demo,
      imported = s.imported + excluded.imported,
      live = s.live + excluded.live
  $q$, changed);
  -- A day-group left with no incident disappears, as on SQLite (only old rows can empty one).
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM incident_day_stats s
    USING (SELECT DISTINCT occurred_day, coalesce(region, 'none') AS region, group_id, event_type FROM old_rows) o
    WHERE s.day = o.occurred_day AND s.region = o.region AND s.group_id = o.group_id AND s.event_type = o.event_type AND s.incidents = 0;
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER incident_day_stats_ai AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_day_stats_apply();
--> statement-breakpoint
CREATE TRIGGER incident_day_stats_au AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_day_stats_apply();
--> statement-breakpoint
CREATE TRIGGER incident_day_stats_ad AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION incident_day_stats_apply();
--> statement-breakpoint
CREATE TRIGGER incident_day_stats_at AFTER TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION incident_day_stats_apply();
