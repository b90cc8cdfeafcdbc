CREATE TABLE `incident_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`group_id` text NOT NULL,
	`kind` text NOT NULL,
	`by` text,
	`at` integer NOT NULL,
	`report_id` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `incident_claims_incident_idx` ON `incident_claims` (`incident_id`);--> statement-breakpoint
CREATE INDEX `incident_claims_at_idx` ON `incident_claims` (`at`);--> statement-breakpoint
CREATE TABLE `incident_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`report_id` integer,
	`outlet` text,
	`url` text,
	`published_at` integer,
	`killed` integer,
	`injured` integer,
	`killed_by` text,
	`injured_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `incident_sources_incident_idx` ON `incident_sources` (`incident_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `incident_sources_report_uq` ON `incident_sources` (`incident_id`,`report_id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer,
	`source_name` text,
	`item_key` text,
	`url` text,
	`title` text,
	`text` text NOT NULL,
	`published_at` integer,
	`fetched_at` integer NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`is_incident` integer NOT NULL,
	`region` text,
	`duplicate_of` integer,
	`incident_id` integer,
	`draft` text NOT NULL,
	`spans` text DEFAULT '[]' NOT NULL,
	`candidates` text DEFAULT '[]' NOT NULL,
	`fingerprint` text,
	`decided_by` text,
	`decided_at` integer,
	`dismiss_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_item_key_uq` ON `reports` (`item_key`);--> statement-breakpoint
CREATE INDEX `reports_status_idx` ON `reports` (`status`,"id" DESC);--> statement-breakpoint
CREATE INDEX `reports_source_idx` ON `reports` (`source_id`,"id" DESC);--> statement-breakpoint
CREATE INDEX `reports_published_idx` ON `reports` (`published_at`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'rss' NOT NULL,
	`url` text NOT NULL,
	`poll_minutes` integer DEFAULT 10 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_fetch_at` integer,
	`last_success_at` integer,
	`last_error` text,
	`failures` integer DEFAULT 0 NOT NULL,
	`next_fetch_at` integer,
	`items_seen` integer DEFAULT 0 NOT NULL,
	`synthetic` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sources_due_idx` ON `sources` (`enabled`,`next_fetch_at`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `source_count` integer DEFAULT 1 NOT NULL;