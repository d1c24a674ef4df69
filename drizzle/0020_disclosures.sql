CREATE TYPE "public"."disclosure_kind" AS ENUM('approval', 'denial');--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"kind" "disclosure_kind" NOT NULL,
	"decision_number" text NOT NULL,
	"counterpart_name" text NOT NULL,
	"counterpart_code" text,
	"counterpart_is_person" boolean NOT NULL,
	"licence_type_zh" text,
	"licence_type_en" text,
	"licence_number" text,
	"content_zh" text NOT NULL,
	"content_en" text NOT NULL,
	"decided_on" date NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"department_id" uuid NOT NULL,
	"legal_basis" text NOT NULL,
	"due_on" date NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_on" date NOT NULL,
	"revoked_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disclosures_document_licence_key" UNIQUE NULLS NOT DISTINCT("document_id","licence_number")
);
--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_document_id_case_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."case_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosures_counterpart_code_idx" ON "disclosures" USING btree ("counterpart_code");--> statement-breakpoint
CREATE INDEX "disclosures_department_decided_idx" ON "disclosures" USING btree ("department_id","decided_on");--> statement-breakpoint
CREATE INDEX "disclosures_decided_on_idx" ON "disclosures" USING btree ("decided_on","id");--> statement-breakpoint
CREATE INDEX "disclosures_licence_number_idx" ON "disclosures" USING btree ("licence_number");