CREATE TYPE "public"."risk_class" AS ENUM('A', 'B', 'C', 'D');--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_code" text NOT NULL,
	"subject_name" text NOT NULL,
	"month" text NOT NULL,
	"risk_class" "risk_class" NOT NULL,
	"score" integer NOT NULL,
	"factors" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_assessments_subject_month_key" UNIQUE("subject_code","month")
);
--> statement-breakpoint
CREATE INDEX "risk_assessments_month_idx" ON "risk_assessments" USING btree ("month","risk_class");