CREATE TABLE "demo_history_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seed" integer NOT NULL,
	"end_on" date NOT NULL,
	"months" integer NOT NULL,
	"per_month" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"digest" text NOT NULL,
	"licences" jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	"generated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "applications_demo_idx" ON "applications" USING btree ("demo") WHERE "applications"."demo";