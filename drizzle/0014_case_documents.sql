CREATE TYPE "public"."document_kind" AS ENUM('acceptanceNotice', 'nonAcceptanceDecision', 'supplementNotice', 'approvalDecision', 'denialDecision', 'completionNotice');--> statement-breakpoint
CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" "document_kind" NOT NULL,
	"application_id" uuid NOT NULL,
	"issuer_department_id" uuid NOT NULL,
	"supplement_notice_id" uuid,
	"content" jsonb NOT NULL,
	"signature" text NOT NULL,
	"signing_key_id" uuid NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_sequences" (
	"department_id" uuid NOT NULL,
	"kind" "document_kind" NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_sequences_department_id_kind_year_pk" PRIMARY KEY("department_id","kind","year")
);
--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_issuer_department_id_departments_id_fk" FOREIGN KEY ("issuer_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_supplement_notice_id_supplement_notices_id_fk" FOREIGN KEY ("supplement_notice_id") REFERENCES "public"."supplement_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_sequences" ADD CONSTRAINT "document_sequences_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_number_key" ON "case_documents" USING btree ("number");--> statement-breakpoint
CREATE INDEX "case_documents_application_id_idx" ON "case_documents" USING btree ("application_id","signed_at");--> statement-breakpoint
CREATE INDEX "case_documents_issuer_department_id_idx" ON "case_documents" USING btree ("issuer_department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_application_kind_key" ON "case_documents" USING btree ("application_id","kind") WHERE "case_documents"."supplement_notice_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_supplement_notice_id_key" ON "case_documents" USING btree ("supplement_notice_id");