DROP INDEX `xapi_statements_stored_idx`;--> statement-breakpoint
DROP INDEX `xapi_statements_verb_idx`;--> statement-breakpoint
DROP INDEX `xapi_statements_registration_idx`;--> statement-breakpoint
ALTER TABLE `xapi_statements` ADD `ref_verb_id` text;--> statement-breakpoint
ALTER TABLE `xapi_statements` ADD `ref_registration` text;--> statement-breakpoint
CREATE INDEX `xapi_statements_stored_seq_idx` ON `xapi_statements` (`stored`,`seq`);--> statement-breakpoint
CREATE INDEX `xapi_statements_verb_seq_idx` ON `xapi_statements` (`verb_id`,`seq`);--> statement-breakpoint
CREATE INDEX `xapi_statements_registration_seq_idx` ON `xapi_statements` (`registration`,`seq`);--> statement-breakpoint
CREATE INDEX `xapi_statements_ref_verb_seq_idx` ON `xapi_statements` (`ref_verb_id`,`seq`) WHERE "xapi_statements"."ref_verb_id" is not null;--> statement-breakpoint
CREATE INDEX `xapi_statements_ref_registration_seq_idx` ON `xapi_statements` (`ref_registration`,`seq`) WHERE "xapi_statements"."ref_registration" is not null;