CREATE TABLE "assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"module_slug" text,
	"unit_id" text,
	"user_id" text,
	"due_at" timestamp with time zone NOT NULL,
	"recurs" boolean DEFAULT false NOT NULL,
	"assigned_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "readiness_periods" (
	"user_id" text NOT NULL,
	"domain_id" text NOT NULL,
	"level" integer NOT NULL,
	"ready_from" timestamp with time zone NOT NULL,
	"ready_until" timestamp with time zone,
	CONSTRAINT "readiness_periods_user_id_domain_id_level_ready_from_pk" PRIMARY KEY("user_id","domain_id","level","ready_from")
);
--> statement-breakpoint
DROP INDEX "competency_evidence_user_idx";--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_unit_idx" ON "assignments" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "assignments_user_idx" ON "assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "readiness_periods_domain_idx" ON "readiness_periods" USING btree ("domain_id","level");--> statement-breakpoint
CREATE INDEX "competency_evidence_expiry_idx" ON "competency_evidence" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "competency_evidence_user_idx" ON "competency_evidence" USING btree ("user_id","competency_id");