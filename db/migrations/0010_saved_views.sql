CREATE TABLE `saved_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner` text NOT NULL,
	`name` text NOT NULL,
	`query` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`zoom` integer NOT NULL,
	`shared` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_views_owner_name_idx` ON `saved_views` (`owner`,`name`);--> statement-breakpoint
CREATE INDEX `saved_views_shared_idx` ON `saved_views` (`shared`);--> statement-breakpoint
CREATE TABLE `start_views` (
	`owner` text PRIMARY KEY NOT NULL,
	`view_id` integer NOT NULL,
	FOREIGN KEY (`view_id`) REFERENCES `saved_views`(`id`) ON UPDATE no action ON DELETE cascade
);
