CREATE TYPE "public"."lifecycle_kind" AS ENUM('change', 'deregistration');--> statement-breakpoint
CREATE TABLE "lifecycle_registrations" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"kind" "lifecycle_kind" NOT NULL,
	"entity_id" uuid NOT NULL,
	"credit_code" text NOT NULL,
	"licence_number" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"items" text[] NOT NULL,
	"name_id" uuid,
	"reason" text,
	"effective_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "deregistered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "superseded_by_number" text;--> statement-breakpoint
ALTER TABLE "lifecycle_registrations" ADD CONSTRAINT "lifecycle_registrations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lifecycle_registrations" ADD CONSTRAINT "lifecycle_registrations_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lifecycle_registrations" ADD CONSTRAINT "lifecycle_registrations_name_id_enterprise_names_id_fk" FOREIGN KEY ("name_id") REFERENCES "public"."enterprise_names"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lifecycle_registrations_entity_idx" ON "lifecycle_registrations" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "lifecycle_registrations_name_idx" ON "lifecycle_registrations" USING btree ("name_id");