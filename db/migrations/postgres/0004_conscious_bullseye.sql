CREATE TABLE "competency_evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"competency_id" text NOT NULL,
	"level" integer NOT NULL,
	"module_slug" text NOT NULL,
	"statement_id" text NOT NULL,
	"achieved_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "module_attempts" (
	"registration" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"module_slug" text NOT NULL,
	"status" text NOT NULL,
	"best_scaled" double precision,
	"sections_seen" integer NOT NULL,
	"content_version" text,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "self_ratings" (
	"user_id" text NOT NULL,
	"competency_id" text NOT NULL,
	"current" integer NOT NULL,
	"target" integer,
	"statement_id" text NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "self_ratings_user_id_competency_id_pk" PRIMARY KEY("user_id","competency_id")
);
--> statement-breakpoint
CREATE INDEX "competency_evidence_user_idx" ON "competency_evidence" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "module_attempts_user_idx" ON "module_attempts" USING btree ("user_id","module_slug");