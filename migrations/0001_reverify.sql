ALTER TABLE `members` ADD `refresh_started_at` integer;--> statement-breakpoint
ALTER TABLE `refresh_runs` ADD `reverify` integer DEFAULT 0 NOT NULL;