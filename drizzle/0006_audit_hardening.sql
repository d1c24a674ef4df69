CREATE TYPE "public"."audit_hash_alg" AS ENUM('sha256', 'hmac-sha256');--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"number" integer PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"last_event_seq" bigint NOT NULL,
	"events" bigint NOT NULL,
	"streams" integer NOT NULL,
	"heads" jsonb NOT NULL,
	"heads_digest" text NOT NULL,
	"prev_hash" text,
	"hash" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "department_keys" ALTER COLUMN "private_key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "department_keys" ADD COLUMN "sealed_private_key" text;--> statement-breakpoint
ALTER TABLE "department_keys" ADD COLUMN "private_key_nonce" text;--> statement-breakpoint
ALTER TABLE "department_keys" ADD COLUMN "private_key_tag" text;--> statement-breakpoint
ALTER TABLE "department_keys" ADD COLUMN "wrapped_data_key" text;--> statement-breakpoint
ALTER TABLE "department_keys" ADD COLUMN "kek_id" text;--> statement-breakpoint
ALTER TABLE "department_keys" ADD COLUMN "valid_from" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Hand-written: a key made before windows existed has been valid since it was made.
UPDATE "department_keys" SET "valid_from" = "created_at";--> statement-breakpoint
-- Hand-written: a certificate signed before signing times were kept was signed no earlier than
-- both it and its key existed (certificates written before signing were signed later, at upgrade).
UPDATE "certificates" SET "signed_at" = GREATEST("certificates"."created_at", "department_keys"."created_at") FROM "department_keys" WHERE "department_keys"."id" = "certificates"."signing_key_id" AND "certificates"."signature" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash_alg" "audit_hash_alg" DEFAULT 'sha256' NOT NULL;--> statement-breakpoint
ALTER TABLE "department_keys" ADD CONSTRAINT "department_keys_window" CHECK ("department_keys"."retired_at" is null or "department_keys"."retired_at" >= "department_keys"."valid_from");