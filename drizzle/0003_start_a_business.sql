CREATE TYPE "public"."name_status" AS ENUM('reserved', 'registered', 'released');--> statement-breakpoint
CREATE SEQUENCE "public"."organisation_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "business_registrations" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"name_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"registered_capital" numeric(14, 2) NOT NULL,
	"division_code" text NOT NULL,
	"street_address" text NOT NULL,
	"scope_codes" text[] NOT NULL,
	"legal_representative_name" text NOT NULL,
	"legal_representative_id_number" text NOT NULL,
	"shareholders" jsonb NOT NULL,
	"employee_count" integer NOT NULL,
	"founder_phone" text NOT NULL,
	"entity_id" uuid,
	"credit_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_registrations_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "enterprise_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"full_name" text NOT NULL,
	"division_code" text NOT NULL,
	"division_name" text NOT NULL,
	"trade_name" text NOT NULL,
	"normalised_trade" text NOT NULL,
	"industry" text NOT NULL,
	"form" text NOT NULL,
	"status" "name_status" NOT NULL,
	"reserved_by" uuid,
	"reserved_until" timestamp with time zone,
	"application_id" uuid,
	"entity_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "registered_entity_id" uuid;--> statement-breakpoint
ALTER TABLE "business_registrations" ADD CONSTRAINT "business_registrations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_registrations" ADD CONSTRAINT "business_registrations_name_id_enterprise_names_id_fk" FOREIGN KEY ("name_id") REFERENCES "public"."enterprise_names"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_registrations" ADD CONSTRAINT "business_registrations_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_names" ADD CONSTRAINT "enterprise_names_reserved_by_users_id_fk" FOREIGN KEY ("reserved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_names" ADD CONSTRAINT "enterprise_names_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "business_registrations_name_idx" ON "business_registrations" USING btree ("name_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_names_live_key" ON "enterprise_names" USING btree ("division_code","industry","normalised_trade") WHERE "enterprise_names"."status" <> 'released';--> statement-breakpoint
CREATE INDEX "enterprise_names_division_idx" ON "enterprise_names" USING btree ("division_code");--> statement-breakpoint
CREATE INDEX "enterprise_names_reserved_by_idx" ON "enterprise_names" USING btree ("reserved_by");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_registered_entity_id_entities_id_fk" FOREIGN KEY ("registered_entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;