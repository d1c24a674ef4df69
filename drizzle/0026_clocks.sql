CREATE TYPE "public"."extension_status" AS ENUM('requested', 'approved', 'refused');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'extensionNotice';--> statement-breakpoint
CREATE TABLE "task_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"status" "extension_status" NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"previous_due_at" timestamp with time zone,
	"new_due_at" timestamp with time zone,
	"document_id" uuid
);
--> statement-breakpoint
DROP INDEX "case_documents_application_kind_key";--> statement-breakpoint
ALTER TABLE "task_pauses" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "task_pauses" ADD COLUMN "started_by" uuid;--> statement-breakpoint
ALTER TABLE "task_pauses" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "task_extension_id" uuid;--> statement-breakpoint
ALTER TABLE "task_extensions" ADD CONSTRAINT "task_extensions_task_id_review_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."review_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_extensions" ADD CONSTRAINT "task_extensions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_extensions" ADD CONSTRAINT "task_extensions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_extensions" ADD CONSTRAINT "task_extensions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_extensions" ADD CONSTRAINT "task_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_extensions_task_id_idx" ON "task_extensions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_extensions_application_id_idx" ON "task_extensions" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "task_extensions_department_status_idx" ON "task_extensions" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "task_extensions_requested_by_idx" ON "task_extensions" USING btree ("requested_by");--> statement-breakpoint
CREATE INDEX "task_extensions_decided_by_idx" ON "task_extensions" USING btree ("decided_by");--> statement-breakpoint
CREATE UNIQUE INDEX "task_extensions_one_per_task_key" ON "task_extensions" USING btree ("task_id") WHERE "task_extensions"."status" in ('requested', 'approved');--> statement-breakpoint
ALTER TABLE "task_pauses" ADD CONSTRAINT "task_pauses_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_pauses" ADD CONSTRAINT "task_pauses_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_pauses_running_key" ON "task_pauses" USING btree ("task_id") WHERE "task_pauses"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "task_pauses_started_by_idx" ON "task_pauses" USING btree ("started_by");--> statement-breakpoint
CREATE INDEX "task_pauses_ended_by_idx" ON "task_pauses" USING btree ("ended_by");--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_task_extension_id_key" ON "case_documents" USING btree ("task_extension_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_application_kind_key" ON "case_documents" USING btree ("application_id","kind") WHERE "case_documents"."supplement_notice_id" is null and "case_documents"."task_extension_id" is null;