CREATE TYPE "public"."commitment_method" AS ENUM('onSite', 'dataComparison', 'documentReview');--> statement-breakpoint
CREATE TYPE "public"."commitment_verification_status" AS ENUM('open', 'passed', 'failed');--> statement-breakpoint
CREATE TABLE "commitment_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"material_name_zh" text NOT NULL,
	"material_name_en" text NOT NULL,
	"subject_code" text NOT NULL,
	"subject_name" text NOT NULL,
	"department_id" uuid NOT NULL,
	"method" "commitment_method" NOT NULL,
	"working_days" integer NOT NULL,
	"opened_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" "commitment_verification_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"finding" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "materials" ADD COLUMN "commitment" jsonb;--> statement-breakpoint
ALTER TABLE "application_materials" ADD COLUMN "committed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "commitment_verifications" ADD CONSTRAINT "commitment_verifications_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_verifications" ADD CONSTRAINT "commitment_verifications_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_verifications" ADD CONSTRAINT "commitment_verifications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commitment_verifications_application_material_key" ON "commitment_verifications" USING btree ("application_id","material_key");--> statement-breakpoint
CREATE INDEX "commitment_verifications_department_idx" ON "commitment_verifications" USING btree ("department_id","status","due_on");--> statement-breakpoint
CREATE INDEX "commitment_verifications_subject_idx" ON "commitment_verifications" USING btree ("subject_code");--> statement-breakpoint
CREATE INDEX "commitment_verifications_decided_by_idx" ON "commitment_verifications" USING btree ("decided_by");--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_commitment_not_form_field" CHECK ("materials"."commitment" is null or "materials"."source" <> 'formField');