CREATE TABLE "provider_calls" (
	"provider" text NOT NULL,
	"slot" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"reason" text,
	"latency_ms" integer NOT NULL,
	CONSTRAINT "provider_calls_provider_slot_pk" PRIMARY KEY("provider","slot")
);
--> statement-breakpoint
CREATE TABLE "provider_health" (
	"provider" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	"last_failure_reason" text
);
