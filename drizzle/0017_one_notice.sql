CREATE TABLE "supplement_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"item_index" integer NOT NULL,
	"upload_id" uuid,
	"text" text,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supplement_answers_one_kind" CHECK (("supplement_answers"."upload_id" is not null) <> ("supplement_answers"."text" is not null))
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "supplement_days" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "supplement_notices" ADD COLUMN "due_days" integer;--> statement-breakpoint
ALTER TABLE "supplement_notices" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "supplement_notices" ADD COLUMN "overdue_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "supplement_notices" ADD COLUMN "completed_by" uuid;--> statement-breakpoint
ALTER TABLE "supplement_notices" ADD COLUMN "answered_late" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "supplement_answers" ADD CONSTRAINT "supplement_answers_notice_id_supplement_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."supplement_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplement_answers" ADD CONSTRAINT "supplement_answers_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supplement_answers_notice_item_key" ON "supplement_answers" USING btree ("notice_id","item_index");--> statement-breakpoint
CREATE INDEX "supplement_answers_upload_id_idx" ON "supplement_answers" USING btree ("upload_id");--> statement-breakpoint
ALTER TABLE "supplement_notices" ADD CONSTRAINT "supplement_notices_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supplement_notices_completed_by_idx" ON "supplement_notices" USING btree ("completed_by");--> statement-breakpoint
CREATE INDEX "supplement_notices_overdue_idx" ON "supplement_notices" USING btree ("due_at") WHERE "supplement_notices"."completed_at" is null and "supplement_notices"."overdue_notified_at" is null;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_supplement_days_positive" CHECK ("services"."supplement_days" between 1 and 365);--> statement-breakpoint
-- Data: items asked before kinds existed become catalog-material requests when they named materials,
-- free-text document requests otherwise, with no legal basis of their own.
UPDATE "supplement_notices" SET "items" = (
  SELECT coalesce(jsonb_agg(i || jsonb_build_object('kind', CASE WHEN jsonb_array_length(coalesce(i->'materialKeys', '[]'::jsonb)) > 0 THEN 'material' ELSE 'document' END, 'legalBasis', i->'legalBasis') ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements("items") WITH ORDINALITY AS e(i, n)
) WHERE NOT ("items" @> '[{"kind": "material"}]' OR "items" @> '[{"kind": "document"}]' OR "items" @> '[{"kind": "question"}]');--> statement-breakpoint
UPDATE "review_tasks" SET "supplement_items" = (
  SELECT coalesce(jsonb_agg(i || jsonb_build_object('kind', CASE WHEN jsonb_array_length(coalesce(i->'materialKeys', '[]'::jsonb)) > 0 THEN 'material' ELSE 'document' END, 'legalBasis', i->'legalBasis') ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements("supplement_items") WITH ORDINALITY AS e(i, n)
) WHERE "supplement_items" IS NOT NULL;--> statement-breakpoint
UPDATE "decisions" SET "items" = (
  SELECT coalesce(jsonb_agg(i || jsonb_build_object('kind', CASE WHEN jsonb_array_length(coalesce(i->'materialKeys', '[]'::jsonb)) > 0 THEN 'material' ELSE 'document' END, 'legalBasis', i->'legalBasis') ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements("items") WITH ORDINALITY AS e(i, n)
) WHERE "items" IS NOT NULL;
