-- Daily rollup of incidents for weekly reports: one row per (local day, region, group, event type),
-- kept exact by triggers on every insert, update and delete (including the occurred_day recompute
-- when REPORT_TIME_ZONE changes), so a weekly report reads a few thousand sequential rows instead
-- of looking up every incident of 12 weeks. Read by db/queries/weekly-aggregates.ts.
CREATE TABLE `incident_day_stats` (
	`day` integer NOT NULL,
	`region` text NOT NULL,
	`group_id` text NOT NULL,
	`event_type` text NOT NULL,
	`incidents` integer NOT NULL,
	`killed` integer NOT NULL,
	`injured` integer NOT NULL,
	`killed_security` integer NOT NULL,
	`killed_civilians` integer NOT NULL,
	`killed_militants` integer NOT NULL,
	`killed_unattributed` integer NOT NULL,
	`injured_security` integer NOT NULL,
	`injured_civilians` integer NOT NULL,
	`injured_militants` integer NOT NULL,
	`injured_unattributed` integer NOT NULL,
	`imprecise` integer NOT NULL,
	`cross_border` integer NOT NULL,
	`claimed` integer NOT NULL,
	`demo` integer NOT NULL,
	`imported` integer NOT NULL,
	`live` integer NOT NULL,
	PRIMARY KEY (`day`, `region`, `group_id`, `event_type`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `incident_day_stats_ai` AFTER INSERT ON `incidents` BEGIN
	INSERT INTO incident_day_stats (day, region, group_id, event_type, incidents, killed, injured, killed_security, killed_civilians, killed_militants, killed_unattributed, injured_security, injured_civilians, injured_militants, injured_unattributed, imprecise, cross_border, claimed, demo, imported, live)
	VALUES (NEW.occurred_day, COALESCE(NEW.region, 'none'), NEW.group_id, NEW.event_type,
		1,
		COALESCE(NEW.killed, 0),
		COALESCE(NEW.injured, 0),
		COALESCE(NEW.killed_security, 0),
		COALESCE(NEW.killed_civilians, 0),
		COALESCE(NEW.killed_militants, 0),
		MAX(0, COALESCE(NEW.killed, 0) - COALESCE(NEW.killed_security, 0) - COALESCE(NEW.killed_civilians, 0) - COALESCE(NEW.killed_militants, 0)),
		COALESCE(NEW.injured_security, 0),
		COALESCE(NEW.injured_civilians, 0),
		COALESCE(NEW.injured_militants, 0),
		MAX(0, COALESCE(NEW.injured, 0) - COALESCE(NEW.injured_security, 0) - COALESCE(NEW.injured_civilians, 0) - COALESCE(NEW.injured_militants, 0)),
		(NEW.time_precision > 1),
		(NEW.cross_border <> 0),
		(NEW.claim_status = 'claimed'),
		(NEW.dataset = 'demo'),
		(NEW.dataset = 'import'),
		(NEW.dataset = 'live'))
	ON CONFLICT (day, region, group_id, event_type) DO UPDATE SET
		incidents = incidents + excluded.incidents,
		killed = killed + excluded.killed,
		injured = injured + excluded.injured,
		killed_security = killed_security + excluded.killed_security,
		killed_civilians = killed_civilians + excluded.killed_civilians,
		killed_militants = killed_militants + excluded.killed_militants,
		killed_unattributed = killed_unattributed + excluded.killed_unattributed,
		injured_security = injured_security + excluded.injured_security,
		injured_civilians = injured_civilians + excluded.injured_civilians,
		injured_militants = injured_militants + excluded.injured_militants,
		injured_unattributed = injured_unattributed + excluded.injured_unattributed,
		imprecise = imprecise + excluded.imprecise,
		cross_border = cross_border + excluded.cross_border,
		claimed = claimed + excluded.claimed,
		demo = demo + excluded.demo,
		imported = imported + excluded.imported,
		live = live + excluded.live;
END;
--> statement-breakpoint
CREATE TRIGGER `incident_day_stats_ad` AFTER DELETE ON `incidents` BEGIN
	UPDATE incident_day_stats SET
		incidents = incidents - 1,
		killed = killed - COALESCE(OLD.killed, 0),
		injured = injured - COALESCE(OLD.injured, 0),
		killed_security = killed_security - COALESCE(OLD.killed_security, 0),
		killed_civilians = killed_civilians - COALESCE(OLD.killed_civilians, 0),
		killed_militants = killed_militants - COALESCE(OLD.killed_militants, 0),
		killed_unattributed = killed_unattributed - MAX(0, COALESCE(OLD.killed, 0) - COALESCE(OLD.killed_security, 0) - COALESCE(OLD.killed_civilians, 0) - COALESCE(OLD.killed_militants, 0)),
		injured_security = injured_security - COALESCE(OLD.injured_security, 0),
		injured_civilians = injured_civilians - COALESCE(OLD.injured_civilians, 0),
		injured_militants = injured_militants - COALESCE(OLD.injured_militants, 0),
		injured_unattributed = injured_unattributed - MAX(0, COALESCE(OLD.injured, 0) - COALESCE(OLD.injured_security, 0) - COALESCE(OLD.injured_civilians, 0) - COALESCE(OLD.injured_militants, 0)),
		imprecise = imprecise - (OLD.time_precision > 1),
		cross_border = cross_border - (OLD.cross_border <> 0),
		claimed = claimed - (OLD.claim_status = 'claimed'),
		demo = demo - (OLD.dataset = 'demo'),
		imported = imported - (OLD.dataset = 'import'),
		live = live - (OLD.dataset = 'live')
	WHERE day = OLD.occurred_day AND region = COALESCE(OLD.region, 'none') AND group_id = OLD.group_id AND event_type = OLD.event_type;
	DELETE FROM incident_day_stats WHERE day = OLD.occurred_day AND region = COALESCE(OLD.region, 'none') AND group_id = OLD.group_id AND event_type = OLD.event_type AND incidents = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `incident_day_stats_au` AFTER UPDATE OF occurred_day, region, group_id, event_type, killed, injured, killed_security, killed_civilians, killed_militants, injured_security, injured_civilians, injured_militants, time_precision, cross_border, claim_status, dataset ON `incidents` BEGIN
	UPDATE incident_day_stats SET
		incidents = incidents - 1,
		killed = killed - COALESCE(OLD.killed, 0),
		injured = injured - COALESCE(OLD.injured, 0),
		killed_security = killed_security - COALESCE(OLD.killed_security, 0),
		killed_civilians = killed_civilians - COALESCE(OLD.killed_civilians, 0),
		killed_militants = killed_militants - COALESCE(OLD.killed_militants, 0),
		killed_unattributed = killed_unattributed - MAX(0, COALESCE(OLD.killed, 0) - COALESCE(OLD.killed_security, 0) - COALESCE(OLD.killed_civilians, 0) - COALESCE(OLD.killed_militants, 0)),
		injured_security = injured_security - COALESCE(OLD.injured_security, 0),
		injured_civilians = injured_civilians - COALESCE(OLD.injured_civilians, 0),
		injured_militants = injured_militants - COALESCE(OLD.injured_militants, 0),
		injured_unattributed = injured_unattributed - MAX(0, COALESCE(OLD.injured, 0) - COALESCE(OLD.injured_security, 0) - COALESCE(OLD.injured_civilians, 0) - COALESCE(OLD.injured_militants, 0)),
		imprecise = imprecise - (OLD.time_precision > 1),
		cross_border = cross_border - (OLD.cross_border <> 0),
		claimed = claimed - (OLD.claim_status = 'claimed'),
		demo = demo - (OLD.dataset = 'demo'),
		imported = imported - (OLD.dataset = 'import'),
		live = live - (OLD.dataset = 'live')
	WHERE day = OLD.occurred_day AND region = COALESCE(OLD.region, 'none') AND group_id = OLD.group_id AND event_type = OLD.event_type;
	DELETE FROM incident_day_stats WHERE day = OLD.occurred_day AND region = COALESCE(OLD.region, 'none') AND group_id = OLD.group_id AND event_type = OLD.event_type AND incidents = 0;
	INSERT INTO incident_day_stats (day, region, group_id, event_type, incidents, killed, injured, killed_security, killed_civilians, killed_militants, killed_unattributed, injured_security, injured_civilians, injured_militants, injured_unattributed, imprecise, cross_border, claimed, demo, imported, live)
	VALUES (NEW.occurred_day, COALESCE(NEW.region, 'none'), NEW.group_id, NEW.event_type,
		1,
		COALESCE(NEW.killed, 0),
		COALESCE(NEW.injured, 0),
		COALESCE(NEW.killed_security, 0),
		COALESCE(NEW.killed_civilians, 0),
		COALESCE(NEW.killed_militants, 0),
		MAX(0, COALESCE(NEW.killed, 0) - COALESCE(NEW.killed_security, 0) - COALESCE(NEW.killed_civilians, 0) - COALESCE(NEW.killed_militants, 0)),
		COALESCE(NEW.injured_security, 0),
		COALESCE(NEW.injured_civilians, 0),
		COALESCE(NEW.injured_militants, 0),
		MAX(0, COALESCE(NEW.injured, 0) - COALESCE(NEW.injured_security, 0) - COALESCE(NEW.injured_civilians, 0) - COALESCE(NEW.injured_militants, 0)),
		(NEW.time_precision > 1),
		(NEW.cross_border <> 0),
		(NEW.claim_status = 'claimed'),
		(NEW.dataset = 'demo'),
		(NEW.dataset = 'import'),
		(NEW.dataset = 'live'))
	ON CONFLICT (day, region, group_id, event_type) DO UPDATE SET
		incidents = incidents + excluded.incidents,
		killed = killed + excluded.killed,
		injured = injured + excluded.injured,
		killed_security = killed_security + excluded.killed_security,
		killed_civilians = killed_civilians + excluded.killed_civilians,
		killed_militants = killed_militants + excluded.killed_militants,
		killed_unattributed = killed_unattributed + excluded.killed_unattributed,
		injured_security = injured_security + excluded.injured_security,
		injured_civilians = injured_civilians + excluded.injured_civilians,
		injured_militants = injured_militants + excluded.injured_militants,
		injured_unattributed = injured_unattributed + excluded.injured_unattributed,
		imprecise = imprecise + excluded.imprecise,
		cross_border = cross_border + excluded.cross_border,
		claimed = claimed + excluded.claimed,
		demo = demo + excluded.demo,
		imported = imported + excluded.imported,
		live = live + excluded.live;
END;
--> statement-breakpoint
INSERT INTO incident_day_stats (day, region, group_id, event_type, incidents, killed, injured, killed_security, killed_civilians, killed_militants, killed_unattributed, injured_security, injured_civilians, injured_militants, injured_unattributed, imprecise, cross_border, claimed, demo, imported, live)
SELECT i.occurred_day, COALESCE(i.region, 'none'), i.group_id, i.event_type,
	COUNT(*),
	SUM(COALESCE(i.killed, 0)),
	SUM(COALESCE(i.injured, 0)),
	SUM(COALESCE(i.killed_security, 0)),
	SUM(COALESCE(i.killed_civilians, 0)),
	SUM(COALESCE(i.killed_militants, 0)),
	SUM(MAX(0, COALESCE(i.killed, 0) - COALESCE(i.killed_security, 0) - COALESCE(i.killed_civilians, 0) - COALESCE(i.killed_militants, 0))),
	SUM(COALESCE(i.injured_security, 0)),
	SUM(COALESCE(i.injured_civilians, 0)),
	SUM(COALESCE(i.injured_militants, 0)),
	SUM(MAX(0, COALESCE(i.injured, 0) - COALESCE(i.injured_security, 0) - COALESCE(i.injured_civilians, 0) - COALESCE(i.injured_militants, 0))),
	SUM((i.time_precision > 1)),
	SUM((i.cross_border <> 0)),
	SUM((i.claim_status = 'claimed')),
	SUM((i.dataset = 'demo')),
	SUM((i.dataset = 'import')),
	SUM((i.dataset = 'live'))
FROM incidents i GROUP BY 1, 2, 3, 4;
