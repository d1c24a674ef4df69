CREATE TYPE "public"."data_objection_status" AS ENUM('open', 'corrected', 'answered');--> statement-breakpoint
CREATE TABLE "data_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"certificate_number" text NOT NULL,
	"type_code" text NOT NULL,
	"holder_code" text NOT NULL,
	"source_department_id" uuid NOT NULL,
	"field_key" text NOT NULL,
	"current_value" text NOT NULL,
	"claim" text NOT NULL,
	"proposed_value" text,
	"filed_by" uuid NOT NULL,
	"filed_by_department_id" uuid,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" "data_objection_status" NOT NULL,
	"answer" text,
	"corrected_certificate_id" uuid,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "answer_due_on" date;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "answered_on" date;--> statement-breakpoint
ALTER TABLE "data_objections" ADD CONSTRAINT "data_objections_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_objections" ADD CONSTRAINT "data_objections_source_department_id_departments_id_fk" FOREIGN KEY ("source_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_objections" ADD CONSTRAINT "data_objections_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_objections" ADD CONSTRAINT "data_objections_filed_by_department_id_departments_id_fk" FOREIGN KEY ("filed_by_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_objections" ADD CONSTRAINT "data_objections_corrected_certificate_id_certificates_id_fk" FOREIGN KEY ("corrected_certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_objections" ADD CONSTRAINT "data_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_objections_holder_idx" ON "data_objections" USING btree ("holder_code","filed_at");--> statement-breakpoint
CREATE INDEX "data_objections_source_idx" ON "data_objections" USING btree ("source_department_id","status");--> statement-breakpoint
CREATE INDEX "data_objections_due_idx" ON "data_objections" USING btree ("status","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "data_objections_open_key" ON "data_objections" USING btree ("certificate_id","field_key") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "grants_answer_due_idx" ON "grants" USING btree ("answer_due_on");