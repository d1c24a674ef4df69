import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { actorByLogin, createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { extraReviewer } from "@/root/testing/staff";
import { appointSubstitute } from "./appoint-substitute";
import { claimTask } from "./claim-task";
import { departmentCounts } from "./dashboard";
import { decideTask } from "./decide-task";
import { getTask } from "./get-task";
import { ZQueueInput } from "./inputs";
import { listDepartmentQueue } from "./list-queue";
import { ZAppointSubstituteInput } from "./ops-inputs";
import { reviewTasks, substitutes } from "./schema";
import { listSubstitutes } from "./substitutes";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const head = await actorByLogin(h.db, "head.market");
const absentee = await extraReviewer(h.db, "market");
const stand = await extraReviewer(h.db, "market");
const retired = await extraReviewer(h.db, "market", { active: false });
const market = await reviewer(h.db, "market");
const tax = await reviewer(h.db, "tax");
const marketDept = market.departmentId ?? "";

const monday = new Date("2026-03-02T01:00:00Z");
// Inside the substitution (Tuesday 3 to Wednesday 4 March), and the day after it.
const tuesday = new Date("2026-03-03T02:00:00Z");
const thursday = new Date("2026-03-05T02:00:00Z");

async function claimedByAbsentee() {
  const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
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
  const [app] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: app?.version ?? 0 }, monday);
  const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
  if (!task) throw new Error("task opened");
  const claimed = await claimTask(h.db, absentee, { taskId: task.id, version: task.version }, monday);
  return { task, version: claimed.version };
}

const mine = (actor: typeof stand, at: Date) =>
  listDepartmentQueue(h.db, { ...actor, departmentId: marketDept }, ZQueueInput.parse({ bucket: "mine" }), at).then((q) => q.rows.map((r) => r.taskId));

describe("substitutes (代岗)", () => {
  it("during the range the absent reviewer's tasks are in the substitute's mine and the substitute decides them; audited", async () => {
    const { task, version } = await claimedByAbsentee();
    const { id } = await appointSubstitute(
      h.db,
      head,
      ZAppointSubstituteInput.parse({
        absentUserId: absentee.userId,
        substituteUserId: stand.userId,
        startsOn: "2026-03-03",
        endsOn: "2026-03-04",
        reason: "年休假期间",
      }),
      monday,
    );
    expect(await mine(stand, monday)).not.toContain(task.id);
    expect(await mine(stand, tuesday)).toContain(task.id);
    expect(await mine(stand, thursday)).not.toContain(task.id);
    expect((await departmentCounts(h.db, { ...stand, departmentId: marketDept }, tuesday)).mine).toBeGreaterThanOrEqual(1);
    expect((await getTask(h.db, stand, task.id, tuesday)).task.coveredByMe).toBe(true);
    expect(await listSubstitutes(h.db, head, tuesday)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, startsOn: "2026-03-03", endsOn: "2026-03-04", inForce: true })]),
    );
    // After the range the substitute may no longer decide; during it they may.
    await expect(decideTask(h.db, stand, { taskId: task.id, version, outcome: "approved" }, thursday)).rejects.toMatchObject({ code: "forbidden" });
    const decided = await decideTask(h.db, stand, { taskId: task.id, version, outcome: "approved", reason: "代岗审查同意" }, tuesday);
    expect(decided.taskStatus).toBe("approved");
    const [row] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.id, task.id));
    expect(row?.decidedBy).toBe(stand.userId);
    const audit = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "substitute.appoint")));
    expect(audit[0]?.data).toMatchObject({ absentUserId: absentee.userId, substituteUserId: stand.userId, reason: "年休假期间" });
  });

  it("refuses a reviewer of another department, an inactive one, oneself, reversed dates and a missing reason; only the head names", async () => {
    const base = { absentUserId: absentee.userId, substituteUserId: stand.userId, startsOn: "2026-03-03", endsOn: "2026-03-04", reason: "年休假期间" };
    for (const [patch, field, key] of [
      [{ substituteUserId: tax.userId }, "substituteUserId", "review.ops.errors.notInDepartment"],
      [{ substituteUserId: retired.userId }, "substituteUserId", "review.ops.errors.inactive"],
      [{ absentUserId: tax.userId }, "absentUserId", "review.ops.errors.notInDepartment"],
      [{ substituteUserId: absentee.userId }, "substituteUserId", "review.ops.errors.substituteSelf"],
    ] as const) {
      await expect(appointSubstitute(h.db, head, { ...base, ...patch }, monday)).rejects.toMatchObject({ code: "invalidInput", field, message: key });
    }
    for (const [patch, path] of [
      [{ endsOn: "2026-03-01" }, "endsOn"],
      [{ reason: "" }, "reason"],
      [{ substituteUserId: absentee.userId }, "substituteUserId"],
    ] as const) {
      const parsed = ZAppointSubstituteInput.safeParse({ ...base, ...patch });
      expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual([path]);
    }
    await expect(appointSubstitute(h.db, market, base, monday)).rejects.toMatchObject({ code: "forbidden" });
    expect(await h.db.select().from(substitutes).where(eq(substitutes.substituteUserId, tax.userId))).toHaveLength(0);
  });
});
