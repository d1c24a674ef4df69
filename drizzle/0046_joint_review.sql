CREATE TYPE "public"."joint_outbox_status" AS ENUM('pending', 'sent', 'refused');--> statement-breakpoint
CREATE TYPE "public"."joint_part_side" AS ENUM('lead', 'partner');--> statement-breakpoint
CREATE TYPE "public"."joint_part_status" AS ENUM('waitingToSend', 'opened', 'refusedToOpen');--> statement-breakpoint
CREATE TABLE "joint_inbox" (
	"peer_region" text NOT NULL,
	"message_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reference" text,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "joint_inbox_peer_region_message_id_pk" PRIMARY KEY("peer_region","message_id")
);
--> statement-breakpoint
CREATE TABLE "joint_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"peer_region" text NOT NULL,
	"kind" text NOT NULL,
	"application_id" uuid,
	"step_key" text,
	"body" jsonb NOT NULL,
	"status" "joint_outbox_status" NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"reference" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "joint_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"side" "joint_part_side" NOT NULL,
	"application_id" uuid NOT NULL,
	"task_id" uuid,
	"peer_region" text NOT NULL,
	"lead_region" text NOT NULL,
	"partner_region" text NOT NULL,
	"lead_application_ref" text NOT NULL,
	"step_key" text NOT NULL,
	"partner_service_code" text NOT NULL,
	"status" "joint_part_status" NOT NULL,
	"partner_reference" text,
	"refusal_code" text,
	"certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bundle_steps" ADD COLUMN "partner_region" text;--> statement-breakpoint
ALTER TABLE "bundle_steps" ADD COLUMN "partner_service_code" text;--> statement-breakpoint
ALTER TABLE "joint_parts" ADD CONSTRAINT "joint_parts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "joint_outbox_pending_idx" ON "joint_outbox" USING btree ("next_attempt_at") WHERE "joint_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "joint_outbox_application_idx" ON "joint_outbox" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "joint_parts_part_key" ON "joint_parts" USING btree ("side","lead_region","lead_application_ref","step_key");--> statement-breakpoint
CREATE INDEX "joint_parts_application_idx" ON "joint_parts" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "joint_parts_task_idx" ON "joint_parts" USING btree ("task_id");