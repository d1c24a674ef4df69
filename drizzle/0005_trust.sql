CREATE TYPE "public"."identity_verification" AS ENUM('none', 'populationRegister', 'identityPlatform', 'staffAccount');--> statement-breakpoint
CREATE TYPE "public"."mandate_principal" AS ENUM('entity', 'person');--> statement-breakpoint
CREATE TYPE "public"."mandate_scope" AS ENUM('all', 'services', 'viewOnly');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."filed_as" AS ENUM('self', 'legalRepresentative', 'mandate', 'personalAgent', 'window');--> statement-breakpoint
ALTER TYPE "public"."access_purpose" ADD VALUE 'identityVerification';--> statement-breakpoint
ALTER TYPE "public"."access_purpose" ADD VALUE 'legalRepresentativeCheck';--> statement-breakpoint
CREATE TABLE "mandates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"principal_kind" "mandate_principal" NOT NULL,
	"entity_id" uuid,
	"principal_person_id" uuid,
	"agent_person_id" uuid NOT NULL,
	"administrator" boolean DEFAULT false NOT NULL,
	"relationship" text,
	"scope" "mandate_scope" NOT NULL,
	"service_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revocation_reason" text,
	CONSTRAINT "mandates_principal_check" CHECK (("mandates"."principal_kind" = 'entity' and "mandates"."entity_id" is not null and "mandates"."principal_person_id" is null) or ("mandates"."principal_kind" = 'person' and "mandates"."principal_person_id" is not null and "mandates"."entity_id" is null)),
	CONSTRAINT "mandates_dates_check" CHECK ("mandates"."starts_on" <= "mandates"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"absolute_expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"user_agent" text,
	"acting_entity_id" uuid,
	"acting_person_id" uuid,
	"key_in_id" uuid
);
--> statement-breakpoint
CREATE TABLE "window_key_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clerk_user_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"consent_kind" text NOT NULL,
	"consent_reference" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "population_records" (
	"id_number" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sex" "sex" NOT NULL,
	"birth_date" date NOT NULL,
	"household_division_code" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_verification_counts" (
	"certificate_id" uuid NOT NULL,
	"day" date NOT NULL,
	"holder_code" text NOT NULL,
	"certificate_type_code" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "public_verification_counts_certificate_id_day_pk" PRIMARY KEY("certificate_id","day")
);
--> statement-breakpoint
ALTER TABLE "applications" RENAME COLUMN "applicant_user_id" TO "filed_by_user_id";--> statement-breakpoint
ALTER TABLE "applications" DROP CONSTRAINT "applications_applicant_user_id_users_id_fk";
--> statement-breakpoint
DROP INDEX "applications_applicant_idempotency_key";--> statement-breakpoint
DROP INDEX "applications_applicant_user_id_idx";--> statement-breakpoint
ALTER TABLE "citizens" ALTER COLUMN "phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "legal_representative_id_number" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "verification" "identity_verification" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
UPDATE "users" SET "verification" = 'staffAccount', "verified_at" = "created_at" WHERE "role" IN ('windowClerk', 'reviewer', 'dataOffice');--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "registers_entity" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "services" SET "registers_entity" = true WHERE "code" = 'enterpriseEstablishment';--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "filed_as" "filed_as" DEFAULT 'self' NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "mandate_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "window_key_in_id" uuid;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "person_id" uuid;--> statement-breakpoint
UPDATE "applications" a SET "person_id" = c."id" FROM "citizens" c WHERE a."applicant_kind" = 'citizen' AND c."user_id" = a."filed_by_user_id";--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "principal_id" uuid GENERATED ALWAYS AS (coalesce(entity_id, person_id)) STORED;--> statement-breakpoint
-- Data: enterprises act through people from now on. The legal representative's ID number comes
-- from the registration that issued the licence (start a business); enterprise logins end (their
-- data is kept: it belongs to the enterprise), and uploads belong to the applicant they were made for.
UPDATE "entities" e SET "legal_representative_id_number" = r."legal_representative_id_number"
  FROM "business_registrations" r WHERE r."entity_id" = e."id" AND e."legal_representative_id_number" IS NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "principal_id" uuid;--> statement-breakpoint
UPDATE "uploads" u SET "principal_id" = coalesce(a."entity_id", c."id")
  FROM "application_materials" m JOIN "applications" a ON a."id" = m."application_id"
  LEFT JOIN "citizens" c ON c."user_id" = a."filed_by_user_id" AND a."applicant_kind" = 'citizen'
  WHERE m."upload_id" = u."id";--> statement-breakpoint
UPDATE "uploads" u SET "principal_id" = ag."entity_id"
  FROM "agents" ag WHERE ag."user_id" = u."owner_user_id" AND ag."kind" = 'account' AND u."principal_id" IS NULL;--> statement-breakpoint
UPDATE "uploads" u SET "principal_id" = c."id"
  FROM "citizens" c WHERE c."user_id" = u."owner_user_id" AND u."principal_id" IS NULL;--> statement-breakpoint
-- An upload nobody can be found for stays its uploader's and can be used by no application.
UPDATE "uploads" SET "principal_id" = "owner_user_id" WHERE "principal_id" IS NULL;--> statement-breakpoint
ALTER TABLE "uploads" ALTER COLUMN "principal_id" SET NOT NULL;--> statement-breakpoint
UPDATE "users" SET "active" = false WHERE "role" = 'enterprise';--> statement-breakpoint
ALTER TABLE "agents" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "agents" CASCADE;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_principal_person_id_citizens_id_fk" FOREIGN KEY ("principal_person_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_agent_person_id_citizens_id_fk" FOREIGN KEY ("agent_person_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_acting_entity_id_entities_id_fk" FOREIGN KEY ("acting_entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_acting_person_id_citizens_id_fk" FOREIGN KEY ("acting_person_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_key_in_id_window_key_ins_id_fk" FOREIGN KEY ("key_in_id") REFERENCES "public"."window_key_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_key_ins" ADD CONSTRAINT "window_key_ins_clerk_user_id_users_id_fk" FOREIGN KEY ("clerk_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_key_ins" ADD CONSTRAINT "window_key_ins_person_id_citizens_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_records" ADD CONSTRAINT "population_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_verification_counts" ADD CONSTRAINT "public_verification_counts_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mandates_entity_id_idx" ON "mandates" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "mandates_principal_person_id_idx" ON "mandates" USING btree ("principal_person_id");--> statement-breakpoint
CREATE INDEX "mandates_agent_person_id_idx" ON "mandates" USING btree ("agent_person_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id","revoked_at");--> statement-breakpoint
CREATE INDEX "window_key_ins_clerk_idx" ON "window_key_ins" USING btree ("clerk_user_id");--> statement-breakpoint
CREATE INDEX "window_key_ins_person_idx" ON "window_key_ins" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "population_records_recorded_at_idx" ON "population_records" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "public_verification_counts_holder_idx" ON "public_verification_counts" USING btree ("holder_code","day");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_filed_by_user_id_users_id_fk" FOREIGN KEY ("filed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_window_key_in_id_window_key_ins_id_fk" FOREIGN KEY ("window_key_in_id") REFERENCES "public"."window_key_ins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_person_id_citizens_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entities_legal_representative_idx" ON "entities" USING btree ("legal_representative_id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_principal_idempotency_key" ON "applications" USING btree ("principal_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "applications_filed_by_user_id_idx" ON "applications" USING btree ("filed_by_user_id");--> statement-breakpoint
CREATE INDEX "applications_principal_id_idx" ON "applications" USING btree ("principal_id","updated_at");--> statement-breakpoint
CREATE INDEX "applications_person_id_idx" ON "applications" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "uploads_principal_id_idx" ON "uploads" USING btree ("principal_id");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_one_applicant" CHECK (("applications"."entity_id" is not null) <> ("applications"."person_id" is not null));