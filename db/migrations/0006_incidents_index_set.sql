-- Lists, facets, the timeline and the map read the in-memory incident index, so the indexes of
-- incidents now serve only the SQL readers: the upsert key, alert rules, exports and weekly reports.
-- The per-type and killed indexes went (each cost every imported row a random B-tree insert; an
-- export filtered by type reads the time index instead of sorting the whole type per chunk), and the
-- time index carries the type columns and killed so a type-scoped alert window is index-only.
DROP INDEX `incidents_type_time_idx`;--> statement-breakpoint
DROP INDEX `incidents_subtype_time_idx`;--> statement-breakpoint
DROP INDEX `incidents_killed_idx`;--> statement-breakpoint
DROP INDEX `incidents_time_idx`;--> statement-breakpoint
CREATE INDEX `incidents_time_idx` ON `incidents` ("occurred_at" DESC,"id" DESC,`event_type`,`sub_event_type`,`killed`);--> statement-breakpoint
-- Planner statistics for the rebuilt index (start-up's PRAGMA optimize skips tables analyzed before).
ANALYZE `incidents_time_idx`;
