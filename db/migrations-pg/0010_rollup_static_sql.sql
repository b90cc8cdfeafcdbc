-- 0001's incident_day_stats_apply built its statement as text and ran it with EXECUTE, which
-- PL/pgSQL plans again on every call: ~0.3 ms of planning per single-incident write (a POST), as
-- much as the statement's own work (pg_stat_statements on the 1M bench database, docs/benchmarks.md).
-- Static SQL per operation instead: PL/pgSQL plans each once per session and trigger, transition
-- tables included. Same statements, same key order (no deadlock between writers), same results.
CREATE OR REPLACE FUNCTION incident_day_stats_apply() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM incident_day_stats;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    WITH changed AS (SELECT 1 AS sign, n.* FROM new_rows n),
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
      live = s.live + excluded.live;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    WITH changed AS (SELECT -1 AS sign, o.* FROM old_rows o),
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
      live = s.live + excluded.live;
  ELSE
    WITH changed AS (SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1, n.* FROM new_rows n),
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
      live = s.live + excluded.live;
  END IF;
  -- A day-group left with no incident disappears, as on SQLite (only old rows can empty one).
  DELETE FROM incident_day_stats s
  USING (SELECT DISTINCT occurred_day, coalesce(region, 'none') AS region, group_id, event_type FROM old_rows) o
  WHERE s.day = o.occurred_day AND s.region = o.region AND s.group_id = o.group_id AND s.event_type = o.event_type AND s.incidents = 0;
  RETURN NULL;
END
$fn$;
