CREATE TYPE "public"."exchange_direction" AS ENUM('incoming', 'outgoing');--> statement-breakpoint
CREATE TYPE "public"."exchange_outcome" AS ENUM('answered', 'refused', 'down');--> statement-breakpoint
ALTER TYPE "public"."access_purpose" ADD VALUE 'crossRegion';--> statement-breakpoint
CREATE TABLE "foreign_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"consumer_region" text NOT NULL,
	"consumer_department_code" text NOT NULL,
	"service_codes" text[] NOT NULL,
	"status" "grant_status" NOT NULL,
	"purpose" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"direction" "exchange_direction" NOT NULL,
	"peer_region" text NOT NULL,
	"nonce" text,
	"department_code" text,
	"service_code" text,
	"application_ref" text,
	"purpose" text,
	"legal_basis" text,
	"consent_ref" text,
	"holder_code" text,
	"type_codes" text[],
	"outcome" "exchange_outcome" NOT NULL,
	"reason" text,
	"certificate_count" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "exchange_node_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"public_key" text NOT NULL,
	"sealed_private_key" text,
	"private_key_nonce" text,
	"private_key_tag" text,
	"wrapped_data_key" text,
	"kek_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "exchange_node_keys_window" CHECK ("exchange_node_keys"."retired_at" is null or "exchange_node_keys"."retired_at" >= "exchange_node_keys"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "exchange_nonces" (
	"peer_region" text NOT NULL,
	"nonce" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exchange_nonces_peer_region_nonce_pk" PRIMARY KEY("peer_region","nonce")
);
--> statement-breakpoint
ALTER TABLE "data_access_log" ADD COLUMN "peer_region" text;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD COLUMN "peer_department_code" text;--> statement-breakpoint
ALTER TABLE "foreign_grants" ADD CONSTRAINT "foreign_grants_resource_id_data_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."data_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foreign_grants" ADD CONSTRAINT "foreign_grants_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "foreign_grants_resource_consumer_key" ON "foreign_grants" USING btree ("resource_id","consumer_region","consumer_department_code");--> statement-breakpoint
CREATE INDEX "exchange_log_peer_idx" ON "exchange_log" USING btree ("peer_region","at");--> statement-breakpoint
CREATE INDEX "exchange_log_holder_idx" ON "exchange_log" USING btree ("holder_code","at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_node_keys_active_key" ON "exchange_node_keys" USING btree ("region") WHERE "exchange_node_keys"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "exchange_nonces_received_idx" ON "exchange_nonces" USING btree ("received_at");