CREATE TABLE "projection_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_headcounts" (
	"team_id" text PRIMARY KEY NOT NULL,
	"people" integer NOT NULL,
	"self_assessed" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_readiness" (
	"team_id" text NOT NULL,
	"domain_id" text NOT NULL,
	"ready_from" timestamp with time zone NOT NULL,
	"ready_until" timestamp with time zone,
	"ready" integer NOT NULL,
	CONSTRAINT "team_readiness_team_id_domain_id_ready_from_pk" PRIMARY KEY("team_id","domain_id","ready_from")
);
--> statement-breakpoint
ALTER TABLE "team_headcounts" ADD CONSTRAINT "team_headcounts_team_id_org_units_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_readiness" ADD CONSTRAINT "team_readiness_team_id_org_units_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;