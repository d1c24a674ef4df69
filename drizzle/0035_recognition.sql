CREATE TYPE "public"."recognition_status" AS ENUM('active', 'ended');--> statement-breakpoint
CREATE TABLE "recognitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_code" text NOT NULL,
	"foreign_region" text NOT NULL,
	"foreign_type_code" text NOT NULL,
	"foreign_type_name_zh" text NOT NULL,
	"foreign_type_name_en" text NOT NULL,
	"local_type_code" text NOT NULL,
	"legal_basis" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"status" "recognition_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"ended_by" uuid,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_service_code_services_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."services"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_local_type_code_certificate_types_code_fk" FOREIGN KEY ("local_type_code") REFERENCES "public"."certificate_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recognitions_current_key" ON "recognitions" USING btree ("service_code","foreign_region","foreign_type_code") WHERE "recognitions"."status" = 'active';--> statement-breakpoint
CREATE INDEX "recognitions_lookup_idx" ON "recognitions" USING btree ("service_code","foreign_region","status");--> statement-breakpoint
CREATE INDEX "recognitions_local_type_idx" ON "recognitions" USING btree ("local_type_code");--> statement-breakpoint
CREATE INDEX "recognitions_created_by_idx" ON "recognitions" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "recognitions_ended_by_idx" ON "recognitions" USING btree ("ended_by");