CREATE TABLE `course_au_progress` (
	`registration` text NOT NULL,
	`au_row_id` text NOT NULL,
	`completed_at` integer,
	`passed_at` integer,
	`failed_at` integer,
	`satisfied_at` integer,
	`waived_at` integer,
	`waived_reason` text,
	PRIMARY KEY(`registration`, `au_row_id`),
	FOREIGN KEY (`au_row_id`) REFERENCES `course_aus`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `course_aus` (
	`id` text PRIMARY KEY NOT NULL,
	`course_row_id` text NOT NULL,
	`au_id` text NOT NULL,
	`activity_id` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`url` text NOT NULL,
	`launch_method` text NOT NULL,
	`move_on` text NOT NULL,
	`mastery_score` real,
	`launch_parameters` text,
	`entitlement_key` text,
	`activity_type` text,
	`block_ids` text NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`course_row_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_aus_activity_id_unique` ON `course_aus` (`activity_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `course_aus_course_au_idx` ON `course_aus` (`course_row_id`,`au_id`);--> statement-breakpoint
CREATE TABLE `course_files` (
	`package_hash` text NOT NULL,
	`path` text NOT NULL,
	`content_type` text NOT NULL,
	`length` integer NOT NULL,
	`content_base64` text NOT NULL,
	PRIMARY KEY(`package_hash`, `path`)
);
--> statement-breakpoint
CREATE TABLE `course_registrations` (
	`registration` text PRIMARY KEY NOT NULL,
	`course_row_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`satisfied_at` integer,
	FOREIGN KEY (`course_row_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_registrations_course_user_idx` ON `course_registrations` (`course_row_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `course_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`registration` text NOT NULL,
	`au_row_id` text NOT NULL,
	`launch_mode` text NOT NULL,
	`fetch_token_hash` text NOT NULL,
	`fetched_at` integer,
	`auth_key` text NOT NULL,
	`auth_secret_hash` text NOT NULL,
	`launched_at` integer NOT NULL,
	`initialized_at` integer,
	`terminated_at` integer,
	`abandoned_at` integer,
	FOREIGN KEY (`registration`) REFERENCES `course_registrations`(`registration`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`au_row_id`) REFERENCES `course_aus`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_sessions_fetch_token_hash_unique` ON `course_sessions` (`fetch_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `course_sessions_auth_key_unique` ON `course_sessions` (`auth_key`);--> statement-breakpoint
CREATE INDEX `course_sessions_registration_idx` ON `course_sessions` (`registration`,`au_row_id`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`structure` text NOT NULL,
	`package_hash` text NOT NULL,
	`imported_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `courses_course_id_unique` ON `courses` (`course_id`);