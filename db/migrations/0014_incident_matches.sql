CREATE TABLE `incident_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_a` integer NOT NULL,
	`incident_b` integer NOT NULL,
	`dataset_a` text NOT NULL,
	`dataset_b` text NOT NULL,
	`b_key` text NOT NULL,
	`score` real NOT NULL,
	`day_gap` integer NOT NULL,
	`distance_km` real NOT NULL,
	`type_compatibility` text NOT NULL,
	`actor_similarity` real NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`import_batch_id` integer,
	`decided_by` text,
	`decided_at` integer,
	`archived` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_matches_pair_uq` ON `incident_matches` (`incident_a`,`incident_b`);--> statement-breakpoint
CREATE INDEX `incident_matches_status_idx` ON `incident_matches` (`status`,"id" DESC);--> statement-breakpoint
CREATE INDEX `incident_matches_b_idx` ON `incident_matches` (`incident_b`);--> statement-breakpoint
CREATE INDEX `incident_matches_b_key_idx` ON `incident_matches` (`b_key`,`status`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `merged_datasets` integer DEFAULT 0 NOT NULL;