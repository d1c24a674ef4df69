CREATE TYPE "public"."appeal_decision" AS ENUM('upholdAppeal', 'dismissAppeal');--> statement-breakpoint
CREATE TYPE "public"."rating_level" AS ENUM('verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied');--> statement-breakpoint
CREATE TYPE "public"."rectification_classification" AS ENUM('justified', 'notJustified');--> statement-breakpoint
CREATE TYPE "public"."rectification_status" AS ENUM('open', 'answered', 'appealed', 'appealUpheld', 'appealDismissed');--> statement-breakpoint
CREATE TABLE "rating_invitations" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"invited_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"department_id" uuid,
	"level" "rating_level" NOT NULL,
	"tags" text[] NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"rated_by" uuid NOT NULL,
	"first_rated_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "ratings_application_department_key" UNIQUE NULLS NOT DISTINCT("application_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "rectification_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rating_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"status" "rectification_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_on" date NOT NULL,
	"due_on" date NOT NULL,
	"classification" "rectification_classification",
	"classification_reason" text,
	"reply" text,
	"changes" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"appeal_decision" "appeal_decision",
	"appeal_decision_reason" text,
	"appeal_decided_by" uuid,
	"appeal_decided_at" timestamp with time zone,
	CONSTRAINT "rectification_items_rating_id_unique" UNIQUE("rating_id")
);
--> statement-breakpoint
ALTER TABLE "rating_invitations" ADD CONSTRAINT "rating_invitations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_items" ADD CONSTRAINT "rectification_items_appeal_decided_by_users_id_fk" FOREIGN KEY ("appeal_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ratings_department_idx" ON "ratings" USING btree ("department_id","first_rated_at");--> statement-breakpoint
CREATE INDEX "ratings_rated_by_idx" ON "ratings" USING btree ("rated_by");--> statement-breakpoint
CREATE INDEX "rectification_items_department_idx" ON "rectification_items" USING btree ("department_id","status","due_on");--> statement-breakpoint
CREATE INDEX "rectification_items_status_due_idx" ON "rectification_items" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "rectification_items_application_idx" ON "rectification_items" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "rectification_items_answered_by_idx" ON "rectification_items" USING btree ("answered_by");--> statement-breakpoint
CREATE INDEX "rectification_items_appeal_decided_by_idx" ON "rectification_items" USING btree ("appeal_decided_by");