CREATE TYPE "public"."index_unit_kind" AS ENUM('department', 'service', 'city');--> statement-breakpoint
CREATE TABLE "service_index_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_kind" "index_unit_kind" NOT NULL,
	"unit_code" text NOT NULL,
	"period" text NOT NULL,
	"computed_on" date NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"methodology_version" text NOT NULL,
	"cases" integer NOT NULL,
	"inputs" jsonb NOT NULL,
	"indicators" jsonb NOT NULL,
	"composite" double precision,
	"band" text,
	"primary_shortfall" text,
	CONSTRAINT "service_index_values_unit_period_day_key" UNIQUE("unit_kind","unit_code","period","computed_on")
);
--> statement-breakpoint
CREATE INDEX "service_index_values_period_idx" ON "service_index_values" USING btree ("period","unit_kind","computed_on");