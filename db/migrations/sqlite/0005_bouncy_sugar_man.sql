CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`module_slug` text,
	`unit_id` text,
	`user_id` text,
	`due_at` integer NOT NULL,
	`recurs` integer DEFAULT false NOT NULL,
	`assigned_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_unit_idx` ON `assignments` (`unit_id`);--> statement-breakpoint
CREATE INDEX `assignments_user_idx` ON `assignments` (`user_id`);--> statement-breakpoint
CREATE TABLE `readiness_periods` (
	`user_id` text NOT NULL,
	`domain_id` text NOT NULL,
	`level` integer NOT NULL,
	`ready_from` integer NOT NULL,
	`ready_until` integer,
	PRIMARY KEY(`user_id`, `domain_id`, `level`, `ready_from`)
);
--> statement-breakpoint
CREATE INDEX `readiness_periods_domain_idx` ON `readiness_periods` (`domain_id`,`level`);--> statement-breakpoint
DROP INDEX `competency_evidence_user_idx`;--> statement-breakpoint
CREATE INDEX `competency_evidence_expiry_idx` ON `competency_evidence` (`expires_at`);--> statement-breakpoint
CREATE INDEX `competency_evidence_user_idx` ON `competency_evidence` (`user_id`,`competency_id`);