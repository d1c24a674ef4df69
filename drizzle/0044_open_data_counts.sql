CREATE TABLE "open_data_application_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"service_id" uuid,
	"bundle_id" uuid,
	"status" "application_status" NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open_data_task_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"department_id" uuid NOT NULL,
	"status" "task_status" NOT NULL,
	"on_time" boolean NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "applicant_name_tokens" text[] GENERATED ALWAYS AS (name_tokens(applicant_name)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "applications_applicant_name_tokens_idx" ON "applications" USING gin ("applicant_name_tokens");--> statement-breakpoint
-- Hand-written: the triggers that keep the open-data counts (src/modules/openData/schema.ts), then
-- the counts of what is already there.
CREATE FUNCTION open_data_count_application() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.submitted_at IS NOT DISTINCT FROM NEW.submitted_at AND OLD.status = NEW.status
     AND OLD.service_id IS NOT DISTINCT FROM NEW.service_id AND OLD.bundle_id IS NOT DISTINCT FROM NEW.bundle_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.submitted_at IS NOT NULL THEN
    INSERT INTO open_data_application_counts (month, service_id, bundle_id, status, n)
    VALUES (to_char(OLD.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), OLD.service_id, OLD.bundle_id, OLD.status, -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.submitted_at IS NOT NULL THEN
    INSERT INTO open_data_application_counts (month, service_id, bundle_id, status, n)
    VALUES (to_char(NEW.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), NEW.service_id, NEW.bundle_id, NEW.status, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER open_data_count_application AFTER INSERT OR DELETE OR UPDATE OF submitted_at, status, service_id, bundle_id ON applications
FOR EACH ROW EXECUTE FUNCTION open_data_count_application();
--> statement-breakpoint
CREATE FUNCTION open_data_count_task() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.department_id = NEW.department_id AND OLD.status = NEW.status
     AND coalesce(OLD.decided_at <= OLD.due_at, false) = coalesce(NEW.decided_at <= NEW.due_at, false) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO open_data_task_counts (department_id, status, on_time, n)
    VALUES (OLD.department_id, OLD.status, coalesce(OLD.decided_at <= OLD.due_at, false), -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO open_data_task_counts (department_id, status, on_time, n)
    VALUES (NEW.department_id, NEW.status, coalesce(NEW.decided_at <= NEW.due_at, false), 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER open_data_count_task AFTER INSERT OR DELETE OR UPDATE OF department_id, status, decided_at, due_at ON review_tasks
FOR EACH ROW EXECUTE FUNCTION open_data_count_task();
--> statement-breakpoint
INSERT INTO open_data_application_counts (month, service_id, bundle_id, status, n)
SELECT to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), service_id, bundle_id, status, count(*)::int
FROM applications WHERE submitted_at IS NOT NULL
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO open_data_task_counts (department_id, status, on_time, n)
SELECT department_id, status, coalesce(decided_at <= due_at, false), count(*)::int
FROM review_tasks
GROUP BY 1, 2, 3;
