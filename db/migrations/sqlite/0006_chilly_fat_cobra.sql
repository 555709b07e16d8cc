CREATE TABLE `projection_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `team_headcounts` (
	`team_id` text PRIMARY KEY NOT NULL,
	`people` integer NOT NULL,
	`self_assessed` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `team_readiness` (
	`team_id` text NOT NULL,
	`domain_id` text NOT NULL,
	`ready_from` integer NOT NULL,
	`ready_until` integer,
	`ready` integer NOT NULL,
	PRIMARY KEY(`team_id`, `domain_id`, `ready_from`),
	FOREIGN KEY (`team_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE cascade
);
