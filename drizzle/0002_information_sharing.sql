CREATE TYPE "public"."access_outcome" AS ENUM('allowed', 'refused');--> statement-breakpoint
CREATE TYPE "public"."access_purpose" AS ENUM('ownRecord', 'prefill', 'submission', 'acceptance', 'review', 'publicVerification');--> statement-breakpoint
CREATE TYPE "public"."grant_status" AS ENUM('requested', 'approved', 'rejected', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."open_type" AS ENUM('open', 'conditionalOpen', 'notOpen');--> statement-breakpoint
CREATE TYPE "public"."share_type" AS ENUM('unconditional', 'conditional', 'notShared');--> statement-breakpoint
CREATE TYPE "public"."update_frequency" AS ENUM('realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly');--> statement-breakpoint
CREATE TABLE "access_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"log_id" uuid NOT NULL,
	"holder_code" text NOT NULL,
	"asked_by" uuid NOT NULL,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "data_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reader_user_id" uuid,
	"reader_role" text,
	"reader_department_id" uuid,
	"holder_code" text NOT NULL,
	"resource_id" uuid,
	"certificate_type_code" text,
	"application_id" uuid,
	"purpose" "access_purpose" NOT NULL,
	"legal_basis" text,
	"outcome" "access_outcome" NOT NULL,
	"refusal_reason" text,
	"record_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"provider_department_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"share_type" "share_type" NOT NULL,
	"open_type" "open_type" NOT NULL,
	"update_frequency" "update_frequency" NOT NULL,
	"last_updated_at" timestamp with time zone NOT NULL,
	"legal_basis" text NOT NULL,
	"certificate_type_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_resources_code_unique" UNIQUE("code"),
	CONSTRAINT "data_resources_certificate_type_code_unique" UNIQUE("certificate_type_code")
);
--> statement-breakpoint
CREATE TABLE "department_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department_id" uuid NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"consumer_department_id" uuid NOT NULL,
	"service_codes" text[] NOT NULL,
	"status" "grant_status" NOT NULL,
	"purpose" text NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signing_key_id" uuid;--> statement-breakpoint
ALTER TABLE "access_questions" ADD CONSTRAINT "access_questions_log_id_data_access_log_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."data_access_log"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_questions" ADD CONSTRAINT "access_questions_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_questions" ADD CONSTRAINT "access_questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_reader_department_id_departments_id_fk" FOREIGN KEY ("reader_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_resource_id_data_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."data_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_resources" ADD CONSTRAINT "data_resources_provider_department_id_departments_id_fk" FOREIGN KEY ("provider_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_resources" ADD CONSTRAINT "data_resources_certificate_type_code_certificate_types_code_fk" FOREIGN KEY ("certificate_type_code") REFERENCES "public"."certificate_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "department_keys" ADD CONSTRAINT "department_keys_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_resource_id_data_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."data_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_consumer_department_id_departments_id_fk" FOREIGN KEY ("consumer_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_questions_log_key" ON "access_questions" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "access_questions_holder_idx" ON "access_questions" USING btree ("holder_code","asked_at");--> statement-breakpoint
CREATE INDEX "access_questions_open_idx" ON "access_questions" USING btree ("answered_at","asked_at");--> statement-breakpoint
CREATE INDEX "data_access_log_holder_idx" ON "data_access_log" USING btree ("holder_code","at");--> statement-breakpoint
CREATE INDEX "data_access_log_resource_idx" ON "data_access_log" USING btree ("resource_id","at");--> statement-breakpoint
CREATE INDEX "data_resources_provider_idx" ON "data_resources" USING btree ("provider_department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "department_keys_active_key" ON "department_keys" USING btree ("department_id") WHERE "department_keys"."retired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "grants_resource_consumer_key" ON "grants" USING btree ("resource_id","consumer_department_id");--> statement-breakpoint
CREATE INDEX "grants_status_idx" ON "grants" USING btree ("status");--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_signing_key_id_department_keys_id_fk" FOREIGN KEY ("signing_key_id") REFERENCES "public"."department_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_expiry_idx" ON "certificates" USING btree ("status","valid_until");