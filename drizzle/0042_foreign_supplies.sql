CREATE TYPE "public"."foreign_supply_outcome" AS ENUM('supplied', 'notHeld', 'refused', 'down');--> statement-breakpoint
CREATE TABLE "foreign_supplies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"material_key" text NOT NULL,
	"peer_region" text NOT NULL,
	"type_code" text NOT NULL,
	"outcome" "foreign_supply_outcome" NOT NULL,
	"reason" text,
	"certificate_number" text,
	"issuer_department_code" text,
	"issuer_name_zh" text,
	"issuer_name_en" text,
	"issued_on" text,
	"valid_until" text,
	"signature_valid" boolean DEFAULT false NOT NULL,
	"certificate" jsonb,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_materials" ADD COLUMN "foreign_supply_id" uuid;--> statement-breakpoint
ALTER TABLE "foreign_supplies" ADD CONSTRAINT "foreign_supplies_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "foreign_supplies_material_key" ON "foreign_supplies" USING btree ("application_id","material_key");--> statement-breakpoint
ALTER TABLE "application_materials" ADD CONSTRAINT "application_materials_foreign_supply_id_foreign_supplies_id_fk" FOREIGN KEY ("foreign_supply_id") REFERENCES "public"."foreign_supplies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_materials_foreign_supply_id_idx" ON "application_materials" USING btree ("foreign_supply_id");