CREATE TABLE `mail_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`kind` text NOT NULL,
	`week` text,
	`ledger_week` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`message_id` text,
	`payload` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_deliveries_ledger_uq` ON `mail_deliveries` (`subscription_id`,`ledger_week`);--> statement-breakpoint
CREATE INDEX `mail_deliveries_due_idx` ON `mail_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `mail_deliveries_subscription_idx` ON `mail_deliveries` (`subscription_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`filter` text DEFAULT '{}' NOT NULL,
	`min_severity` text,
	`email` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`confirmed_at` integer,
	`confirm_token_hash` text,
	`alert_cursor` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `subscriptions_user_idx` ON `subscriptions` (`user_id`);--> statement-breakpoint
CREATE INDEX `subscriptions_kind_idx` ON `subscriptions` (`kind`,`enabled`);