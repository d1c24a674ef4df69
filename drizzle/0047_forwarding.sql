CREATE TYPE "public"."forwarding_status" AS ENUM('waiting', 'accepted', 'returned', 'refused');--> statement-breakpoint
CREATE TABLE "forwarding_openings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"competent_region" text NOT NULL,
	"accepting_region" text NOT NULL,
	"service_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"situations" jsonb NOT NULL,
	"fields" jsonb NOT NULL,
	"materials" jsonb NOT NULL,
	"legal_basis" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "forwarded_applications" (
	"from_region" text NOT NULL,
	"forwarding_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"window_name_zh" text NOT NULL,
	"window_name_en" text NOT NULL,
	"clerk" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"sent_sequence" integer DEFAULT 0 NOT NULL,
	"report_attempts" integer DEFAULT 0 NOT NULL,
	"next_report_at" timestamp with time zone,
	CONSTRAINT "forwarded_applications_from_region_forwarding_id_pk" PRIMARY KEY("from_region","forwarding_id")
);
--> statement-breakpoint
CREATE TABLE "forwarding_files" (
	"forwarding_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "forwarding_files_forwarding_id_material_key_pk" PRIMARY KEY("forwarding_id","material_key")
);
--> statement-breakpoint
CREATE TABLE "forwardings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_region" text NOT NULL,
	"service_code" text NOT NULL,
	"service_name_zh" text NOT NULL,
	"service_name_en" text NOT NULL,
	"clerk_user_id" uuid NOT NULL,
	"applicant_kind" "applicant_kind" NOT NULL,
	"holder_code" text NOT NULL,
	"applicant_name" text NOT NULL,
	"situations" jsonb NOT NULL,
	"form_data" jsonb NOT NULL,
	"status" "forwarding_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"answered_at" timestamp with time zone,
	"reasons" jsonb,
	"remote_tracking_number" text,
	"remote_status" text,
	"remote_sequence" integer DEFAULT 0 NOT NULL,
	"remote_certificate_numbers" text[],
	"remote_updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "forwarded_applications" ADD CONSTRAINT "forwarded_applications_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwarding_files" ADD CONSTRAINT "forwarding_files_forwarding_id_forwardings_id_fk" FOREIGN KEY ("forwarding_id") REFERENCES "public"."forwardings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forwardings" ADD CONSTRAINT "forwardings_clerk_user_id_users_id_fk" FOREIGN KEY ("clerk_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "forwarding_openings_current_key" ON "forwarding_openings" USING btree ("competent_region","accepting_region","service_code") WHERE "forwarding_openings"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "forwarded_applications_application_key" ON "forwarded_applications" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "forwardings_due_idx" ON "forwardings" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "forwardings_clerk_idx" ON "forwardings" USING btree ("clerk_user_id","created_at");--> statement-breakpoint
CREATE INDEX "forwardings_holder_idx" ON "forwardings" USING btree ("holder_code");