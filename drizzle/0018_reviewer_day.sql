CREATE TABLE "opinion_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"updated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "acceptance_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "acceptance_due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "opinion_templates" ADD CONSTRAINT "opinion_templates_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_templates" ADD CONSTRAINT "opinion_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_templates_department_title_key" ON "opinion_templates" USING btree ("department_id","title");--> statement-breakpoint
CREATE INDEX "opinion_templates_updated_by_idx" ON "opinion_templates" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "applications_holder_code_idx" ON "applications" USING btree ("holder_code");--> statement-breakpoint
CREATE INDEX "applications_accepted_by_idx" ON "applications" USING btree ("accepted_by","accepted_at");