CREATE TYPE "public"."credit_objection_status" AS ENUM('open', 'corrected', 'upheld');--> statement-breakpoint
CREATE TYPE "public"."credit_record_kind" AS ENUM('administrativeLicence', 'administrativePenalty', 'honour', 'dishonestyList', 'brokenCommitment', 'inspectionResult');--> statement-breakpoint
CREATE TYPE "public"."credit_record_status" AS ENUM('active', 'corrected', 'repaired');--> statement-breakpoint
CREATE TYPE "public"."credit_repair_status" AS ENUM('applied', 'granted', 'refused');--> statement-breakpoint
CREATE TYPE "public"."credit_subject_kind" AS ENUM('entity', 'person');--> statement-breakpoint
CREATE TYPE "public"."penalty_severity" AS ENUM('general', 'serious');--> statement-breakpoint
CREATE TABLE "credit_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"subject_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"status" "credit_objection_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"reason" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_on" date NOT NULL,
	"due_on" date NOT NULL,
	"answer" text,
	"corrected_record_id" uuid,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"answered_on" date
);
--> statement-breakpoint
CREATE TABLE "credit_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lineage_id" uuid NOT NULL,
	"record_version" integer DEFAULT 1 NOT NULL,
	"previous_id" uuid,
	"kind" "credit_record_kind" NOT NULL,
	"subject_kind" "credit_subject_kind" NOT NULL,
	"subject_code" text NOT NULL,
	"subject_name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"document_number" text,
	"legal_basis" text NOT NULL,
	"severity" "penalty_severity",
	"decided_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"published_from" date,
	"published_until" date,
	"status" "credit_record_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"source_key" text,
	"source_application_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "credit_records_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "credit_repairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"subject_code" text NOT NULL,
	"department_id" uuid NOT NULL,
	"status" "credit_repair_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"reason" text NOT NULL,
	"applied_by" uuid NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"applied_on" date NOT NULL,
	"due_on" date NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_on" date
);
--> statement-breakpoint
ALTER TABLE "credit_objections" ADD CONSTRAINT "credit_objections_record_id_credit_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_objections" ADD CONSTRAINT "credit_objections_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_objections" ADD CONSTRAINT "credit_objections_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_objections" ADD CONSTRAINT "credit_objections_corrected_record_id_credit_records_id_fk" FOREIGN KEY ("corrected_record_id") REFERENCES "public"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_objections" ADD CONSTRAINT "credit_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_previous_id_credit_records_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_source_application_id_applications_id_fk" FOREIGN KEY ("source_application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_repairs" ADD CONSTRAINT "credit_repairs_record_id_credit_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_repairs" ADD CONSTRAINT "credit_repairs_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_repairs" ADD CONSTRAINT "credit_repairs_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_repairs" ADD CONSTRAINT "credit_repairs_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_objections_record_idx" ON "credit_objections" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "credit_objections_subject_idx" ON "credit_objections" USING btree ("subject_code","filed_at");--> statement-breakpoint
CREATE INDEX "credit_objections_department_idx" ON "credit_objections" USING btree ("department_id","status","due_on");--> statement-breakpoint
CREATE INDEX "credit_objections_corrected_idx" ON "credit_objections" USING btree ("corrected_record_id");--> statement-breakpoint
CREATE INDEX "credit_objections_filed_by_idx" ON "credit_objections" USING btree ("filed_by");--> statement-breakpoint
CREATE INDEX "credit_objections_answered_by_idx" ON "credit_objections" USING btree ("answered_by");--> statement-breakpoint
CREATE INDEX "credit_records_subject_idx" ON "credit_records" USING btree ("subject_code","decided_on");--> statement-breakpoint
CREATE INDEX "credit_records_department_idx" ON "credit_records" USING btree ("department_id","recorded_at");--> statement-breakpoint
CREATE INDEX "credit_records_lineage_idx" ON "credit_records" USING btree ("lineage_id","record_version");--> statement-breakpoint
CREATE INDEX "credit_records_previous_idx" ON "credit_records" USING btree ("previous_id");--> statement-breakpoint
CREATE INDEX "credit_records_application_idx" ON "credit_records" USING btree ("source_application_id");--> statement-breakpoint
CREATE INDEX "credit_records_recorded_by_idx" ON "credit_records" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "credit_repairs_record_idx" ON "credit_repairs" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "credit_repairs_subject_idx" ON "credit_repairs" USING btree ("subject_code","applied_at");--> statement-breakpoint
CREATE INDEX "credit_repairs_department_idx" ON "credit_repairs" USING btree ("department_id","status","due_on");--> statement-breakpoint
CREATE INDEX "credit_repairs_applied_by_idx" ON "credit_repairs" USING btree ("applied_by");--> statement-breakpoint
CREATE INDEX "credit_repairs_decided_by_idx" ON "credit_repairs" USING btree ("decided_by");