CREATE TABLE `sign_in_settings` (
	`unit_id` text PRIMARY KEY NOT NULL,
	`methods` text NOT NULL,
	`providers` text NOT NULL,
	`tenant_ids` text NOT NULL,
	`email_domains` text NOT NULL,
	`create_unknown` integer DEFAULT false NOT NULL,
	`help_contact` text,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `user_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`provider` text NOT NULL,
	`issuer` text NOT NULL,
	`subject` text NOT NULL,
	`email` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_identities_key_idx` ON `user_identities` (`provider`,`issuer`,`subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `user_identities_user_provider_idx` ON `user_identities` (`user_id`,`provider`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `idle_timeout_ms` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `sign_in_provider` text;