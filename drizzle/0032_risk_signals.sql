CREATE TYPE "public"."risk_signal_rule" AS ENUM('sharedAddress', 'linkedDishonesty', 'repeatedBrokenCommitments', 'revokedAfterUse', 'imitatedName');--> statement-breakpoint
CREATE TYPE "public"."risk_signal_status" AS ENUM('active', 'cleared');--> statement-breakpoint
CREATE TABLE "risk_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" "risk_signal_rule" NOT NULL,
	"subject_code" text NOT NULL,
	"subject_name" text NOT NULL,
	"key" text NOT NULL,
	"params" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" "risk_signal_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	CONSTRAINT "risk_signals_rule_subject_key" UNIQUE("rule","subject_code","key")
);
--> statement-breakpoint
CREATE INDEX "risk_signals_subject_idx" ON "risk_signals" USING btree ("subject_code","status");