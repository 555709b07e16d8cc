CREATE TABLE "module_bookmarks" (
	"user_id" text NOT NULL,
	"module_slug" text NOT NULL,
	"section" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "module_bookmarks_user_id_module_slug_pk" PRIMARY KEY("user_id","module_slug")
);
--> statement-breakpoint
ALTER TABLE "module_bookmarks" ADD CONSTRAINT "module_bookmarks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;