CREATE TABLE "course_au_progress" (
	"registration" text NOT NULL,
	"au_row_id" text NOT NULL,
	"completed_at" timestamp with time zone,
	"passed_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"satisfied_at" timestamp with time zone,
	"waived_at" timestamp with time zone,
	"waived_reason" text,
	CONSTRAINT "course_au_progress_registration_au_row_id_pk" PRIMARY KEY("registration","au_row_id")
);
--> statement-breakpoint
CREATE TABLE "course_aus" (
	"id" text PRIMARY KEY NOT NULL,
	"course_row_id" text NOT NULL,
	"au_id" text NOT NULL,
	"activity_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"url" text NOT NULL,
	"launch_method" text NOT NULL,
	"move_on" text NOT NULL,
	"mastery_score" double precision,
	"launch_parameters" text,
	"entitlement_key" text,
	"activity_type" text,
	"block_ids" jsonb NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "course_aus_activity_id_unique" UNIQUE("activity_id")
);
--> statement-breakpoint
CREATE TABLE "course_files" (
	"package_hash" text NOT NULL,
	"path" text NOT NULL,
	"content_type" text NOT NULL,
	"length" integer NOT NULL,
	"content_base64" text NOT NULL,
	CONSTRAINT "course_files_package_hash_path_pk" PRIMARY KEY("package_hash","path")
);
--> statement-breakpoint
CREATE TABLE "course_registrations" (
	"registration" text PRIMARY KEY NOT NULL,
	"course_row_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"satisfied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"registration" text NOT NULL,
	"au_row_id" text NOT NULL,
	"launch_mode" text NOT NULL,
	"fetch_token_hash" text NOT NULL,
	"fetched_at" timestamp with time zone,
	"auth_key" text NOT NULL,
	"auth_secret_hash" text NOT NULL,
	"launched_at" timestamp with time zone NOT NULL,
	"initialized_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	"abandoned_at" timestamp with time zone,
	CONSTRAINT "course_sessions_fetch_token_hash_unique" UNIQUE("fetch_token_hash"),
	CONSTRAINT "course_sessions_auth_key_unique" UNIQUE("auth_key")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" text PRIMARY KEY NOT NULL,
	"course_id" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"structure" jsonb NOT NULL,
	"package_hash" text NOT NULL,
	"imported_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "courses_course_id_unique" UNIQUE("course_id")
);
--> statement-breakpoint
ALTER TABLE "course_au_progress" ADD CONSTRAINT "course_au_progress_au_row_id_course_aus_id_fk" FOREIGN KEY ("au_row_id") REFERENCES "public"."course_aus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_aus" ADD CONSTRAINT "course_aus_course_row_id_courses_id_fk" FOREIGN KEY ("course_row_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_registrations" ADD CONSTRAINT "course_registrations_course_row_id_courses_id_fk" FOREIGN KEY ("course_row_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_registrations" ADD CONSTRAINT "course_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_registration_course_registrations_registration_fk" FOREIGN KEY ("registration") REFERENCES "public"."course_registrations"("registration") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_sessions" ADD CONSTRAINT "course_sessions_au_row_id_course_aus_id_fk" FOREIGN KEY ("au_row_id") REFERENCES "public"."course_aus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "course_aus_course_au_idx" ON "course_aus" USING btree ("course_row_id","au_id");--> statement-breakpoint
CREATE UNIQUE INDEX "course_registrations_course_user_idx" ON "course_registrations" USING btree ("course_row_id","user_id");--> statement-breakpoint
CREATE INDEX "course_sessions_registration_idx" ON "course_sessions" USING btree ("registration","au_row_id");