ALTER TABLE "calendar_years" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD COLUMN "published_by" uuid;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;