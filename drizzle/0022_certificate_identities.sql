CREATE TYPE "public"."certificate_identity" AS ENUM('entity', 'person');--> statement-breakpoint
ALTER TABLE "certificate_types" ADD COLUMN "identifies" "certificate_identity";--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_types_identifies_key" ON "certificate_types" USING btree ("identifies");--> statement-breakpoint
-- The two types the code used to name by their codes: the licence that proves an entity exists
-- and the card that proves who a person is. A catalog without them keeps every type unflagged.
UPDATE "certificate_types" SET "identifies" = 'entity' WHERE "code" = 'businessLicence';--> statement-breakpoint
UPDATE "certificate_types" SET "identifies" = 'person' WHERE "code" = 'residentIdCard';
