CREATE TYPE "public"."applicant_kind" AS ENUM('enterprise', 'citizen');--> statement-breakpoint
CREATE TYPE "public"."material_source" AS ENUM('formField', 'upload', 'certificate');--> statement-breakpoint
CREATE TYPE "public"."certificate_status" AS ENUM('valid', 'expired', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."application_status" AS ENUM('draft', 'submitted', 'inReview', 'supplementRequired', 'approved', 'completed', 'notAccepted', 'denied', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."pause_reason" AS ENUM('supplement', 'hearing', 'inspection', 'expertReview');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('waiting', 'open', 'claimed', 'approved', 'denied', 'supplementRequested', 'cancelled');--> statement-breakpoint
CREATE TABLE "bundle_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bundle_id" uuid NOT NULL,
	"key" text NOT NULL,
	"service_id" uuid NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"stage" integer DEFAULT 1 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text NOT NULL,
	"description_en" text NOT NULL,
	"lead_department_id" uuid NOT NULL,
	"applicant_kinds" "applicant_kind"[] NOT NULL,
	"requires_certificate_type" text,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundles_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "certificate_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"issuer_department_id" uuid NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"validity_years" integer
);
--> statement-breakpoint
CREATE TABLE "materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"legal_basis" text NOT NULL,
	"source" "material_source" NOT NULL,
	"field_type" text,
	"options" jsonb,
	"certificate_type" text,
	"required" boolean DEFAULT true NOT NULL,
	"condition_zh" text,
	"condition_en" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "materials_legal_basis_present" CHECK (length(trim("materials"."legal_basis")) > 0),
	CONSTRAINT "materials_source_consistent" CHECK (("materials"."source" <> 'certificate' or "materials"."certificate_type" is not null) and ("materials"."source" <> 'formField' or "materials"."field_type" is not null))
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"department_id" uuid NOT NULL,
	"legal_basis" text NOT NULL,
	"conditions_zh" text NOT NULL,
	"conditions_en" text NOT NULL,
	"statutory_days" integer NOT NULL,
	"promised_days" integer NOT NULL,
	"fee_fen" integer DEFAULT 0 NOT NULL,
	"issues_certificate_type" text,
	"applicant_kinds" "applicant_kind"[] NOT NULL,
	"auto_acceptance" boolean DEFAULT false NOT NULL,
	"deemed_approval_on_timeout" boolean DEFAULT false NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_code_unique" UNIQUE("code"),
	CONSTRAINT "services_promised_within_statutory" CHECK ("services"."promised_days" between 1 and "services"."statutory_days"),
	CONSTRAINT "services_fee_not_negative" CHECK ("services"."fee_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"type_code" text NOT NULL,
	"holder_code" text NOT NULL,
	"holder_name" text NOT NULL,
	"issuer_department_id" uuid NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date,
	"status" "certificate_status" DEFAULT 'valid' NOT NULL,
	"fields" jsonb NOT NULL,
	"source_application_id" uuid,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text,
	"signature" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_materials" (
	"application_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"upload_id" uuid,
	"certificate_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_materials_application_id_material_key_pk" PRIMARY KEY("application_id","material_key")
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_number" text,
	"query_code" text,
	"applicant_user_id" uuid NOT NULL,
	"applicant_kind" "applicant_kind" NOT NULL,
	"entity_id" uuid,
	"holder_code" text NOT NULL,
	"applicant_name" text NOT NULL,
	"service_id" uuid,
	"bundle_id" uuid,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"status" "application_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"idempotency_key" text,
	"form_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"plan" jsonb NOT NULL,
	"division_code" text NOT NULL,
	"consented_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"refusal_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplement_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"items" jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tracking_sequences" (
	"division_code" text NOT NULL,
	"day" text NOT NULL,
	"last" bigint NOT NULL,
	CONSTRAINT "tracking_sequences_division_code_day_pk" PRIMARY KEY("division_code","day")
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"items" jsonb,
	"decided_by" uuid,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"step_key" text NOT NULL,
	"service_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"status" "task_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone,
	"clock_started_at" timestamp with time zone,
	"budget_days" integer NOT NULL,
	"due_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"supplement_items" jsonb,
	"deemed_approval" boolean DEFAULT false NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"reason" "pause_reason" NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"stream_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"data" jsonb,
	"prev_hash" text,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"application_id" uuid,
	"params" jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"recipient_user_ids" uuid[] NOT NULL,
	"application_id" uuid,
	"params" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "bundle_steps" ADD CONSTRAINT "bundle_steps_bundle_id_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_steps" ADD CONSTRAINT "bundle_steps_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_lead_department_id_departments_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_requires_certificate_type_certificate_types_code_fk" FOREIGN KEY ("requires_certificate_type") REFERENCES "public"."certificate_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_types" ADD CONSTRAINT "certificate_types_issuer_department_id_departments_id_fk" FOREIGN KEY ("issuer_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_certificate_type_certificate_types_code_fk" FOREIGN KEY ("certificate_type") REFERENCES "public"."certificate_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_issues_certificate_type_certificate_types_code_fk" FOREIGN KEY ("issues_certificate_type") REFERENCES "public"."certificate_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_type_code_certificate_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."certificate_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issuer_department_id_departments_id_fk" FOREIGN KEY ("issuer_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_materials" ADD CONSTRAINT "application_materials_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_materials" ADD CONSTRAINT "application_materials_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_bundle_id_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplement_notices" ADD CONSTRAINT "supplement_notices_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_task_id_review_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."review_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_tasks" ADD CONSTRAINT "review_tasks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_tasks" ADD CONSTRAINT "review_tasks_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_tasks" ADD CONSTRAINT "review_tasks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_tasks" ADD CONSTRAINT "review_tasks_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_tasks" ADD CONSTRAINT "review_tasks_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_pauses" ADD CONSTRAINT "task_pauses_task_id_review_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."review_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bundle_steps_bundle_key_key" ON "bundle_steps" USING btree ("bundle_id","key");--> statement-breakpoint
CREATE INDEX "bundle_steps_service_id_idx" ON "bundle_steps" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "bundles_lead_department_id_idx" ON "bundles" USING btree ("lead_department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "materials_service_key_key" ON "materials" USING btree ("service_id","key");--> statement-breakpoint
CREATE INDEX "services_department_id_idx" ON "services" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_key" ON "certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "certificates_holder_type_idx" ON "certificates" USING btree ("holder_code","type_code");--> statement-breakpoint
CREATE INDEX "certificates_source_application_id_idx" ON "certificates" USING btree ("source_application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_source_type_key" ON "certificates" USING btree ("source_application_id","type_code");--> statement-breakpoint
CREATE INDEX "application_materials_upload_id_idx" ON "application_materials" USING btree ("upload_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_tracking_number_key" ON "applications" USING btree ("tracking_number");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_applicant_idempotency_key" ON "applications" USING btree ("applicant_user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "applications_applicant_user_id_idx" ON "applications" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "applications_entity_id_idx" ON "applications" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "applications_service_id_idx" ON "applications" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "applications_bundle_id_idx" ON "applications" USING btree ("bundle_id");--> statement-breakpoint
CREATE INDEX "supplement_notices_application_id_idx" ON "supplement_notices" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "uploads_owner_user_id_idx" ON "uploads" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "decisions_task_id_idx" ON "decisions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "decisions_application_id_idx" ON "decisions" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_tasks_application_step_key" ON "review_tasks" USING btree ("application_id","step_key");--> statement-breakpoint
CREATE INDEX "review_tasks_queue_idx" ON "review_tasks" USING btree ("department_id","status","due_at");--> statement-breakpoint
CREATE INDEX "review_tasks_due_idx" ON "review_tasks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "review_tasks_claimed_by_idx" ON "review_tasks" USING btree ("claimed_by");--> statement-breakpoint
CREATE INDEX "review_tasks_service_id_idx" ON "review_tasks" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "task_pauses_task_id_idx" ON "task_pauses" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "audit_events_stream_idx" ON "audit_events" USING btree ("stream_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_outbox_user_key" ON "notifications" USING btree ("outbox_id","user_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("processed_at","created_at");