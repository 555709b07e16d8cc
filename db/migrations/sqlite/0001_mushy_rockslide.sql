CREATE TABLE `module_bookmarks` (
	`user_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`section` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `module_slug`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
