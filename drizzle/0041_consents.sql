CREATE TYPE "public"."consent_basis" AS ENUM('consent', 'law');--> statement-breakpoint
ALTER TYPE "public"."access_purpose" ADD VALUE 'objectionFiled';--> statement-breakpoint
ALTER TYPE "public"."access_purpose" ADD VALUE 'objectionAnswered';--> statement-breakpoint
ALTER TYPE "public"."access_purpose" ADD VALUE 'objectionCorrected';--> statement-breakpoint
CREATE TABLE "data_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"holder_code" text NOT NULL,
	"certificate_type_code" text NOT NULL,
	"certificate_id" uuid,
	"application_id" uuid NOT NULL,
	"basis" "consent_basis" NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"given_by" uuid,
	"evidence_kind" text,
	"evidence_reference" text,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid
);
--> statement-breakpoint
ALTER TABLE "data_consents" ADD CONSTRAINT "data_consents_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_consents" ADD CONSTRAINT "data_consents_given_by_users_id_fk" FOREIGN KEY ("given_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_consents" ADD CONSTRAINT "data_consents_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_consents_holder_idx" ON "data_consents" USING btree ("holder_code","given_at");--> statement-breakpoint
CREATE INDEX "data_consents_certificate_idx" ON "data_consents" USING btree ("certificate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "data_consents_application_type_key" ON "data_consents" USING btree ("application_id","certificate_type_code");--> statement-breakpoint
-- Backfill: an application that consented (the one boolean, consented_at) gets one consent per
-- certificate type its materials used, for that application; the certificate a bundle requires the
-- applicant to hold rests on law, the others on consent. The window's key-in evidence is copied.
INSERT INTO "data_consents" ("holder_code", "certificate_type_code", "certificate_id", "application_id", "basis", "given_at", "given_by", "evidence_kind", "evidence_reference")
SELECT DISTINCT ON (a."id", c."type_code")
	c."holder_code", c."type_code", c."id", a."id",
	(CASE WHEN b."requires_certificate_type" = c."type_code" THEN 'law' ELSE 'consent' END)::"consent_basis",
	a."consented_at", a."filed_by_user_id", k."consent_kind", k."consent_reference"
FROM "applications" a
JOIN "application_materials" m ON m."application_id" = a."id" AND m."certificate_id" IS NOT NULL
JOIN "certificates" c ON c."id" = m."certificate_id"
LEFT JOIN "bundles" b ON b."id" = a."bundle_id"
LEFT JOIN "window_key_ins" k ON k."id" = a."window_key_in_id"
WHERE a."consented_at" IS NOT NULL
ORDER BY a."id", c."type_code", c."created_at" DESC
ON CONFLICT DO NOTHING;
