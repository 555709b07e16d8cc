CREATE TABLE `lrs_clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`key` text NOT NULL,
	`secret_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`trusted_for_evidence` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lrs_clients_key_unique` ON `lrs_clients` (`key`);--> statement-breakpoint
CREATE TABLE `xapi_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `xapi_attachments` (
	`sha2` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`length` integer NOT NULL,
	`content_base64` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `xapi_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`activity_id` text NOT NULL,
	`agent_key` text NOT NULL,
	`registration` text NOT NULL,
	`document_id` text NOT NULL,
	`content_type` text NOT NULL,
	`content_base64` text NOT NULL,
	`etag` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `xapi_documents_key_idx` ON `xapi_documents` (`kind`,`activity_id`,`agent_key`,`registration`,`document_id`);--> statement-breakpoint
CREATE INDEX `xapi_documents_updated_idx` ON `xapi_documents` (`kind`,`activity_id`,`agent_key`,`updated_at`);--> statement-breakpoint
CREATE TABLE `xapi_statement_activities` (
	`statement_seq` integer NOT NULL,
	`activity_id` text NOT NULL,
	`relation` text NOT NULL,
	PRIMARY KEY(`activity_id`, `statement_seq`, `relation`),
	FOREIGN KEY (`statement_seq`) REFERENCES `xapi_statements`(`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `xapi_statement_activities_statement_idx` ON `xapi_statement_activities` (`statement_seq`);--> statement-breakpoint
CREATE TABLE `xapi_statement_agents` (
	`statement_seq` integer NOT NULL,
	`agent_key` text NOT NULL,
	`relation` text NOT NULL,
	PRIMARY KEY(`agent_key`, `statement_seq`, `relation`),
	FOREIGN KEY (`statement_seq`) REFERENCES `xapi_statements`(`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `xapi_statement_agents_statement_idx` ON `xapi_statement_agents` (`statement_seq`);--> statement-breakpoint
CREATE TABLE `xapi_statements` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`statement` text NOT NULL,
	`actor_key` text NOT NULL,
	`verb_id` text NOT NULL,
	`object_activity_id` text,
	`object_statement_id` text,
	`registration` text,
	`timestamp` integer NOT NULL,
	`stored` integer NOT NULL,
	`authority_key` text NOT NULL,
	`is_voided` integer DEFAULT false NOT NULL,
	`client_id` text,
	`user_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `xapi_statements_id_unique` ON `xapi_statements` (`id`);--> statement-breakpoint
CREATE INDEX `xapi_statements_stored_idx` ON `xapi_statements` (`stored`);--> statement-breakpoint
CREATE INDEX `xapi_statements_verb_idx` ON `xapi_statements` (`verb_id`,`stored`);--> statement-breakpoint
CREATE INDEX `xapi_statements_registration_idx` ON `xapi_statements` (`registration`,`stored`);--> statement-breakpoint
CREATE INDEX `xapi_statements_object_statement_idx` ON `xapi_statements` (`object_statement_id`);