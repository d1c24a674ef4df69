ALTER TABLE "departments" ADD COLUMN "function_code" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "competence" jsonb;