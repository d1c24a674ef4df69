CREATE TYPE "public"."inspection_outcome" AS ENUM('compliant', 'problemsFound', 'rectified', 'notFound', 'refused');--> statement-breakpoint
CREATE TYPE "public"."inspection_plan_scope" AS ENUM('allEnterprises', 'service');--> statement-breakpoint
CREATE TYPE "public"."inspection_plan_status" AS ENUM('published', 'drawn', 'completed');--> statement-breakpoint
CREATE TYPE "public"."inspector_conflict" AS ENUM('sameDivision', 'inspectedLastTime');--> statement-breakpoint
CREATE TABLE "inspection_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"entity_code" text NOT NULL,
	"entity_name" text NOT NULL,
	"risk_class" "risk_class" NOT NULL,
	"class_assumed" boolean NOT NULL,
	"weight" integer NOT NULL,
	"key" text,
	"rank" integer,
	"drawn" boolean DEFAULT false NOT NULL,
	CONSTRAINT "inspection_candidates_plan_entity_key" UNIQUE("plan_id","entity_code")
);
--> statement-breakpoint
CREATE TABLE "inspection_inspectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"entity_code" text NOT NULL,
	"inspector_id" uuid NOT NULL,
	"inspector_name" text NOT NULL,
	"conflict" "inspector_conflict",
	"key" text,
	"rank" integer,
	"drawn" boolean DEFAULT false NOT NULL,
	CONSTRAINT "inspection_inspectors_plan_entity_inspector_key" UNIQUE("plan_id","entity_code","inspector_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"department_id" uuid NOT NULL,
	"scope" "inspection_plan_scope" NOT NULL,
	"service_id" uuid,
	"division_code" text,
	"weights" jsonb NOT NULL,
	"sample_size" integer NOT NULL,
	"inspectors_per_entity" integer NOT NULL,
	"period_from" date NOT NULL,
	"period_until" date NOT NULL,
	"seed" text NOT NULL,
	"candidate_count" integer NOT NULL,
	"status" "inspection_plan_status" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"drawn_by" uuid,
	"drawn_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"entity_code" text NOT NULL,
	"outcome" "inspection_outcome" NOT NULL,
	"findings" text NOT NULL,
	"inspected_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"credit_record_id" uuid NOT NULL,
	CONSTRAINT "inspection_results_plan_entity_key" UNIQUE("plan_id","entity_code")
);
--> statement-breakpoint
ALTER TABLE "inspection_candidates" ADD CONSTRAINT "inspection_candidates_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_inspectors" ADD CONSTRAINT "inspection_inspectors_inspector_id_users_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_credit_record_id_credit_records_id_fk" FOREIGN KEY ("credit_record_id") REFERENCES "public"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_candidates_entity_idx" ON "inspection_candidates" USING btree ("entity_code");--> statement-breakpoint
CREATE INDEX "inspection_inspectors_inspector_idx" ON "inspection_inspectors" USING btree ("inspector_id","drawn");--> statement-breakpoint
CREATE INDEX "inspection_inspectors_entity_idx" ON "inspection_inspectors" USING btree ("entity_code","drawn");--> statement-breakpoint
CREATE INDEX "inspection_plans_department_idx" ON "inspection_plans" USING btree ("department_id","published_at");--> statement-breakpoint
CREATE INDEX "inspection_plans_service_idx" ON "inspection_plans" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "inspection_plans_status_idx" ON "inspection_plans" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "inspection_plans_created_by_idx" ON "inspection_plans" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "inspection_plans_drawn_by_idx" ON "inspection_plans" USING btree ("drawn_by");--> statement-breakpoint
CREATE INDEX "inspection_results_recorded_by_idx" ON "inspection_results" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "inspection_results_credit_record_idx" ON "inspection_results" USING btree ("credit_record_id");