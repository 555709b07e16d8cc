CREATE TABLE `notification_opt_outs` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notification_rules` (
	`kind` text PRIMARY KEY NOT NULL,
	`mandatory` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reminder_sends` (
	`user_id` text NOT NULL,
	`subject` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`planned_on` text NOT NULL,
	`job_id` text,
	`created_at` integer NOT NULL,
	`cancelled_at` integer,
	PRIMARY KEY(`user_id`, `subject`, `kind`, `period`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reminder_sends_day_idx` ON `reminder_sends` (`user_id`,`planned_on`);