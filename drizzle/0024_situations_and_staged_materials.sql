ALTER TABLE "bundles" ADD COLUMN "staged_materials" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "materials" ADD COLUMN "applies_when" jsonb;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "situations" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "situations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "review_tasks" ADD COLUMN "materials_requested_at" timestamp with time zone;