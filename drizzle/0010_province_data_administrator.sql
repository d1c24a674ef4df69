CREATE TYPE "public"."department_level" AS ENUM('province', 'city', 'county');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'administrator';--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "level" "department_level" DEFAULT 'province' NOT NULL;