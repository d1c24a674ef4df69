CREATE TABLE "countersigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"countersigner_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"opinion" text,
	"opinion_text" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "substitutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"absent_user_id" uuid NOT NULL,
	"substitute_user_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "substitutes_range" CHECK ("substitutes"."starts_on" <= "substitutes"."ends_on"),
	CONSTRAINT "substitutes_not_oneself" CHECK ("substitutes"."absent_user_id" <> "substitutes"."substitute_user_id")
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "other_department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "return_reason" text;--> statement-breakpoint
ALTER TABLE "review_tasks" ADD COLUMN "escalation_rung" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "countersigns" ADD CONSTRAINT "countersigns_task_id_review_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."review_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "countersigns" ADD CONSTRAINT "countersigns_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "countersigns" ADD CONSTRAINT "countersigns_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "countersigns" ADD CONSTRAINT "countersigns_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "countersigns" ADD CONSTRAINT "countersigns_countersigner_id_users_id_fk" FOREIGN KEY ("countersigner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "substitutes" ADD CONSTRAINT "substitutes_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "substitutes" ADD CONSTRAINT "substitutes_absent_user_id_users_id_fk" FOREIGN KEY ("absent_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "substitutes" ADD CONSTRAINT "substitutes_substitute_user_id_users_id_fk" FOREIGN KEY ("substitute_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "substitutes" ADD CONSTRAINT "substitutes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "countersigns_task_id_idx" ON "countersigns" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "countersigns_application_id_idx" ON "countersigns" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "countersigns_department_id_idx" ON "countersigns" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "countersigns_requested_by_idx" ON "countersigns" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "countersigns_countersigner_idx" ON "countersigns" USING btree ("countersigner_id","answered_at");--> statement-breakpoint
CREATE INDEX "substitutes_department_id_idx" ON "substitutes" USING btree ("department_id","ends_on");--> statement-breakpoint
CREATE INDEX "substitutes_substitute_idx" ON "substitutes" USING btree ("substitute_user_id","starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "substitutes_absent_user_id_idx" ON "substitutes" USING btree ("absent_user_id");--> statement-breakpoint
CREATE INDEX "substitutes_created_by_idx" ON "substitutes" USING btree ("created_by");--> statement-breakpoint
-- The demo province's catalog (demo-province.json): an outdoor signboard may also be handled by
-- the planning department (natural resources), so a task may be transferred there. Only where the
-- demo's department exists; nothing else changes.
UPDATE "services" SET "other_department_ids" = ARRAY[(SELECT "id" FROM "departments" WHERE "code" = 'naturalResources')]
WHERE "code" = 'outdoorSignboardPermit' AND EXISTS (SELECT 1 FROM "departments" WHERE "code" = 'naturalResources') AND "other_department_ids" = '{}'::uuid[];
