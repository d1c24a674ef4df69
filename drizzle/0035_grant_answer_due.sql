ALTER TABLE "grants" ADD COLUMN "answer_due_on" date;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "answered_on" date;--> statement-breakpoint
CREATE INDEX "grants_answer_due_idx" ON "grants" USING btree ("answer_due_on");