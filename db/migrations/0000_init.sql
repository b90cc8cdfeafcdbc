CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`abbreviation` text,
	`aliases` text DEFAULT '[]' NOT NULL,
	`kind` text DEFAULT 'militant' NOT NULL,
	`parent_id` text,
	`affiliation` text,
	`colour` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`approximate` integer DEFAULT false NOT NULL,
	`description` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text,
	`format` text NOT NULL,
	`checksum` text NOT NULL,
	`rows` integer NOT NULL,
	`inserted` integer NOT NULL,
	`updated` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`occurred_day` integer NOT NULL,
	`has_time` integer DEFAULT false NOT NULL,
	`time_precision` integer DEFAULT 1 NOT NULL,
	`country` text NOT NULL,
	`admin1` text,
	`admin2` text,
	`admin3` text,
	`location` text,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`geo_precision` integer DEFAULT 1 NOT NULL,
	`region` text,
	`event_type` text NOT NULL,
	`sub_event_type` text NOT NULL,
	`group_id` text NOT NULL,
	`actor1` text,
	`assoc_actors` text,
	`actor2` text,
	`claim_status` text DEFAULT 'unclaimed' NOT NULL,
	`target` text DEFAULT 'other' NOT NULL,
	`killed` integer,
	`injured` integer,
	`killed_security` integer,
	`killed_civilians` integer,
	`killed_militants` integer,
	`injured_security` integer,
	`injured_civilians` integer,
	`injured_militants` integer,
	`cross_border` integer DEFAULT false NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`source_scale` text,
	`verification` text DEFAULT 'reported' NOT NULL,
	`notes` text,
	`dataset` text DEFAULT 'live' NOT NULL,
	`import_batch_id` integer,
	`acled_extra` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_source_uq` ON `incidents` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `incidents_time_idx` ON `incidents` ("occurred_at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX `incidents_group_time_idx` ON `incidents` (`group_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `incidents_region_time_idx` ON `incidents` (`region`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `incidents_type_time_idx` ON `incidents` (`event_type`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `incidents_subtype_time_idx` ON `incidents` (`sub_event_type`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `incidents_day_idx` ON `incidents` (`occurred_day`,`region`,`group_id`);--> statement-breakpoint
CREATE INDEX `incidents_killed_idx` ON `incidents` (`killed`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`role` text DEFAULT 'analyst' NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`ref_id` integer NOT NULL,
	`action` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_created_idx` ON `events` (`created_at`);--> statement-breakpoint
CREATE TABLE `alert_incidents` (
	`alert_id` integer NOT NULL,
	`incident_id` integer NOT NULL,
	PRIMARY KEY(`alert_id`, `incident_id`),
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_incidents_incident_idx` ON `alert_incidents` (`incident_id`);--> statement-breakpoint
CREATE TABLE `alert_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`scope` text DEFAULT '{}' NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`webhook_url` text,
	`webhook_secret` text,
	`enabled` integer DEFAULT true NOT NULL,
	`silenced_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` integer NOT NULL,
	`dedupe_key` text NOT NULL,
	`severity` text NOT NULL,
	`status` text DEFAULT 'firing' NOT NULL,
	`fired_at` integer NOT NULL,
	`summary` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`ack_note` text,
	`resolved_by` text,
	`resolved_at` integer,
	FOREIGN KEY (`rule_id`) REFERENCES `alert_rules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_rule_key_uq` ON `alerts` (`rule_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `alerts_status_idx` ON `alerts` (`status`,`fired_at`);--> statement-breakpoint
CREATE INDEX `alerts_fired_idx` ON `alerts` (`fired_at`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`kind` text NOT NULL,
	`example` integer DEFAULT false NOT NULL,
	`notes` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` integer NOT NULL,
	`rule_id` integer NOT NULL,
	`url` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`next_attempt_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
