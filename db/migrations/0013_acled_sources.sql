CREATE TABLE `incident_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`source_id` integer,
	`kind` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`revised_at` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `incident_revisions_occurred_idx` ON `incident_revisions` (`occurred_at`);--> statement-breakpoint
CREATE TABLE `incidents_deleted` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`row` text NOT NULL,
	`reason` text NOT NULL,
	`deleted_at` integer,
	`archived_at` integer NOT NULL,
	`archived_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incidents_deleted_source_idx` ON `incidents_deleted` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `incidents_deleted_incident_idx` ON `incidents_deleted` (`incident_id`);--> statement-breakpoint
CREATE INDEX `incidents_deleted_occurred_idx` ON `incidents_deleted` (`occurred_at`);--> statement-breakpoint
ALTER TABLE `sources` ADD `email` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `password_sealed` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `token_sealed` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `countries` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `since` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `sync_state` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `auth_failed` integer DEFAULT false NOT NULL;