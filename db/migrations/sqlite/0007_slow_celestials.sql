CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`actor_name` text NOT NULL,
	`import_run_id` text,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`subject_name` text NOT NULL,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_subject_idx` ON `audit_events` (`subject_type`,`subject_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_events_action_idx` ON `audit_events` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `import_files` (
	`run_id` text PRIMARY KEY NOT NULL,
	`content_base64` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`started_by` text,
	`started_by_name` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`status` text NOT NULL,
	`summary` text,
	`changes` text,
	`problems` text,
	`file_problem` text,
	`applied_at` integer,
	`applied_by` text,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_runs_created_idx` ON `import_runs` (`created_at`);--> statement-breakpoint
CREATE TABLE `membership_history` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`team_id` text NOT NULL,
	`role_profile` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `membership_history_team_idx` ON `membership_history` (`team_id`);--> statement-breakpoint
CREATE INDEX `membership_history_user_idx` ON `membership_history` (`user_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `staff_assignments` (
	`assignment_number` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`position_title` text,
	`staff_group` text,
	`job_role` text,
	`is_primary` integer NOT NULL,
	`status` text NOT NULL,
	`active` integer NOT NULL,
	`start_date` text,
	`end_date` text,
	`line_manager_employee_number` text,
	`line_manager_assignment_number` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_assignments_user_idx` ON `staff_assignments` (`user_id`);--> statement-breakpoint
CREATE INDEX `staff_assignments_unit_idx` ON `staff_assignments` (`unit_id`);--> statement-breakpoint
CREATE TABLE `team_headcount_spans` (
	`team_id` text NOT NULL,
	`counted_from` integer NOT NULL,
	`counted_until` integer,
	`people` integer NOT NULL,
	PRIMARY KEY(`team_id`, `counted_from`),
	FOREIGN KEY (`team_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text,
	`name` text NOT NULL,
	`password_hash` text,
	`is_admin` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`password_changed_at` integer,
	`organisation_code` text,
	`employee_number` text,
	`suspended_at` integer,
	`suspended_by` text,
	`last_sign_in_at` integer,
	`team_override_id` text,
	`role_profile_override` text,
	FOREIGN KEY (`team_override_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "name", "password_hash", "is_admin", "created_at", "password_changed_at") SELECT "id", "email", "name", "password_hash", "is_admin", "created_at", "password_changed_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_employee_idx` ON `users` (`organisation_code`,`employee_number`);--> statement-breakpoint
CREATE TABLE `__new_manager_assignments` (
	`user_id` text NOT NULL,
	`org_unit_id` text NOT NULL,
	`source` text DEFAULT 'admin' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `org_unit_id`, `source`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_manager_assignments`("user_id", "org_unit_id", "source", "created_at") SELECT "user_id", "org_unit_id", 'admin', "created_at" FROM `manager_assignments`;--> statement-breakpoint
DROP TABLE `manager_assignments`;--> statement-breakpoint
ALTER TABLE `__new_manager_assignments` RENAME TO `manager_assignments`;--> statement-breakpoint
CREATE INDEX `manager_assignments_org_unit_idx` ON `manager_assignments` (`org_unit_id`);--> statement-breakpoint
ALTER TABLE `org_units` ADD `closed_at` integer;--> statement-breakpoint
-- Everyone's current team, as a period that has no known start (history before this release was not kept).
INSERT INTO `membership_history`("id", "user_id", "team_id", "role_profile", "started_at", "ended_at") SELECT 'migrated-' || "user_id", "user_id", "team_id", "role_profile", 0, NULL FROM `memberships`;
