CREATE TABLE "lrs_clients" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"trusted_for_evidence" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "lrs_clients_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "xapi_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_attachments" (
	"sha2" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"length" integer NOT NULL,
	"content_base64" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"activity_id" text NOT NULL,
	"agent_key" text NOT NULL,
	"registration" text NOT NULL,
	"document_id" text NOT NULL,
	"content_type" text NOT NULL,
	"content_base64" text NOT NULL,
	"etag" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_statement_activities" (
	"statement_seq" integer NOT NULL,
	"activity_id" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "xapi_statement_activities_activity_id_statement_seq_relation_pk" PRIMARY KEY("activity_id","statement_seq","relation")
);
--> statement-breakpoint
CREATE TABLE "xapi_statement_agents" (
	"statement_seq" integer NOT NULL,
	"agent_key" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "xapi_statement_agents_agent_key_statement_seq_relation_pk" PRIMARY KEY("agent_key","statement_seq","relation")
);
--> statement-breakpoint
CREATE TABLE "xapi_statements" (
	"seq" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "xapi_statements_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"statement" jsonb NOT NULL,
	"actor_key" text NOT NULL,
	"verb_id" text NOT NULL,
	"object_activity_id" text,
	"object_statement_id" text,
	"registration" text,
	"timestamp" timestamp with time zone NOT NULL,
	"stored" timestamp with time zone NOT NULL,
	"authority_key" text NOT NULL,
	"is_voided" boolean DEFAULT false NOT NULL,
	"client_id" text,
	"user_id" text,
	CONSTRAINT "xapi_statements_id_unique" UNIQUE("id")
);
--> statement-breakpoint
ALTER TABLE "xapi_statement_activities" ADD CONSTRAINT "xapi_statement_activities_statement_seq_xapi_statements_seq_fk" FOREIGN KEY ("statement_seq") REFERENCES "public"."xapi_statements"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_statement_agents" ADD CONSTRAINT "xapi_statement_agents_statement_seq_xapi_statements_seq_fk" FOREIGN KEY ("statement_seq") REFERENCES "public"."xapi_statements"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "xapi_documents_key_idx" ON "xapi_documents" USING btree ("kind","activity_id","agent_key","registration","document_id");--> statement-breakpoint
CREATE INDEX "xapi_documents_updated_idx" ON "xapi_documents" USING btree ("kind","activity_id","agent_key","updated_at");--> statement-breakpoint
CREATE INDEX "xapi_statement_activities_statement_idx" ON "xapi_statement_activities" USING btree ("statement_seq");--> statement-breakpoint
CREATE INDEX "xapi_statement_agents_statement_idx" ON "xapi_statement_agents" USING btree ("statement_seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_stored_idx" ON "xapi_statements" USING btree ("stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_verb_idx" ON "xapi_statements" USING btree ("verb_id","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_registration_idx" ON "xapi_statements" USING btree ("registration","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_object_statement_idx" ON "xapi_statements" USING btree ("object_statement_id");