ALTER TABLE "services" ADD COLUMN "other_department_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "return_reason" text;--> statement-breakpoint
-- The demo province's catalog (demo-province.json): an outdoor signboard may also be handled by
-- the planning department (natural resources), so a task may be transferred there. Only where the
-- demo's department exists; nothing else changes.
UPDATE "services" SET "other_department_ids" = ARRAY[(SELECT "id" FROM "departments" WHERE "code" = 'naturalResources')]
WHERE "code" = 'outdoorSignboardPermit' AND EXISTS (SELECT 1 FROM "departments" WHERE "code" = 'naturalResources') AND "other_department_ids" = '{}'::uuid[];
