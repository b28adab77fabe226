CREATE TABLE `members` (
	`user_id` text PRIMARY KEY NOT NULL,
	`link_status` text NOT NULL,
	`access_token` text,
	`refresh_token` text,
	`token_expires_at` integer,
	`scopes` text NOT NULL,
	`wearing_since` integer,
	`worn_ms_before` integer DEFAULT 0 NOT NULL,
	`last_observed_at` integer,
	`pushed_metadata` text,
	`pushed_platform_username` text,
	`pushed_at` integer,
	`created_at` integer NOT NULL,
	`linked_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `members_status_observed` ON `members` (`link_status`,`last_observed_at`);