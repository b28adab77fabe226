CREATE TABLE `gateway_sessions` (
	`shard_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`session_id` text,
	`sequence` integer,
	`resume_url` text,
	`shard_count` integer,
	`identify_window_start` integer DEFAULT 0 NOT NULL,
	`identifies_in_window` integer DEFAULT 0 NOT NULL,
	`last_identify_at` integer,
	`events_received` integer DEFAULT 0 NOT NULL,
	`live_updates` integer DEFAULT 0 NOT NULL,
	`last_sweep_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `refresh_runs` ADD `list_pages` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `refresh_runs` ADD `member_reads` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `refresh_runs` ADD `puts` integer DEFAULT 0 NOT NULL;