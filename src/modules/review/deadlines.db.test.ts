import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { outbox } from "@/modules/notifications/schema";
import { createTestBundle, newEnterprise, type TestStep, withDemo } from "@/root/testing/fixtures";
import { scanDeadlines } from "./scan-deadlines";
import { reviewTasks } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });

// Accepted Monday 2 March 2026 with a 5-day budget: due end of Monday 9 March.
const monday = new Date("2026-03-02T01:00:00Z");

async function acceptedWith(steps: TestStep[]) {
  const { code } = await createTestBundle(h.db, steps);
  const applicant = await newEnterprise(h.db);
  const s = await submitApplication(
    h.db,
    applicant,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "x" },
      materials: {},
      consent: true,
    }),
    monday,
  );
  const [row] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: row?.version ?? 0 }, monday);
  return s.id;
}

const kindsFor = async (applicationId: string) =>
  (await h.db.select({ kind: outbox.kind }).from(outbox).where(eq(outbox.applicationId, applicationId))).map((r) => r.kind);

describe("deadline job", () => {
  it("reminds once, one working day before the due date, however often it runs", async () => {
    const id = await acceptedWith([{ key: "a", department: "market" }]);
    // Thursday 5 March: the next working day is Friday, before Monday's due date: no reminder.
    await scanDeadlines(h.db, new Date("2026-03-05T02:00:00Z"));
    expect((await kindsFor(id)).filter((k) => k === "dueReminder")).toHaveLength(0);
    // Friday 6 March: the next working day is Monday 9 March, the due date.
    await scanDeadlines(h.db, new Date("2026-03-06T02:00:00Z"));
    await scanDeadlines(h.db, new Date("2026-03-06T03:00:00Z"));
    expect((await kindsFor(id)).filter((k) => k === "dueReminder")).toHaveLength(1);
  });

  it("marks overdue once and leaves the task open when deemed approval is off", async () => {
    const id = await acceptedWith([{ key: "a", department: "market" }]);
    await scanDeadlines(h.db, new Date("2026-03-10T02:00:00Z"));
    await scanDeadlines(h.db, new Date("2026-03-10T03:00:00Z"));
    expect((await kindsFor(id)).filter((k) => k === "taskOverdue")).toHaveLength(1);
    const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id));
    expect(task?.status).toBe("open");
  });

  it("applies deemed approval where the catalog provides for it, with an audit event, and completes", async () => {
    const id = await acceptedWith([
      { key: "a", department: "market", deemedApproval: true },
      { key: "b", department: "tax", needs: ["a"] },
    ]);
    await scanDeadlines(h.db, new Date("2026-03-10T02:00:00Z"));
    const tasks = Object.fromEntries((await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id))).map((t) => [t.stepKey, t]));
    expect([tasks.a?.status, tasks.a?.deemedApproval, tasks.b?.status]).toEqual(["approved", true, "open"]);
    const audit = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, id), eq(auditEvents.action, "task.deemApprove")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBeNull();
  });
});
