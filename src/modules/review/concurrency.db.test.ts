import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import type { Actor } from "@/modules/identity/model";
import type { DatabaseHandle } from "@/server/db/client";
import { onPostgres, testDatabase } from "@/root/testing/database";
import { actorByLogin, createTestBundle, ensureDemo, newEnterprise, reviewer } from "@/root/testing/fixtures";
import { claimTask } from "./claim-task";
import { decideTask } from "./decide-task";
import { reviewTasks } from "./schema";

// Locking and races need real PostgreSQL: PGlite is one connection and serialises everything.
// CI always sets TEST_DATABASE_URL, so these run there.
describe.skipIf(!onPostgres)("concurrency on PostgreSQL", () => {
  let h: DatabaseHandle;
  let clerk: Actor;
  const now = new Date("2026-03-02T01:00:00Z");
  const departmentsOfSteps = ["market", "tax", "fire", "health", "housing"] as const;

  beforeAll(async () => {
    h = await testDatabase();
    await ensureDemo(h.db);
    clerk = await actorByLogin(h.db, "clerk");
  });

  /** Submitted and accepted, `inFlight` at a time (the set-up, not what is tested: it only saves time). */
  async function acceptedApplications(count: number, code: string, applicant: Actor, inFlight = 1): Promise<string[]> {
    const ids: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const input = ZSubmitApplicationInput.parse({
          subject: { kind: "bundle", code },
          idempotencyKey: randomUUID(),
          formData: { projectName: `项目${i}` },
          materials: {},
          consent: true,
        });
        const s = await submitApplication(h.db, applicant, input, now);
        const [row] = await h.db.select({ version: applications.version }).from(applications).where(eq(applications.id, s.id));
        await acceptApplication(h.db, clerk, { applicationId: s.id, version: row?.version ?? 0 }, now);
        ids[i] = s.id;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return ids;
  }

  it("1,000 applications whose five tasks are approved by concurrent reviewers all end approved", { timeout: 600_000 }, async () => {
    const count = Number(process.env.CONCURRENCY_APPLICATIONS ?? 1000);
    const { code } = await createTestBundle(
      h.db,
      departmentsOfSteps.map((d, i) => ({ key: `s${i}`, department: d })),
    );
    const applicant = await newEnterprise(h.db);
    const ids = await acceptedApplications(count, code, applicant, 4);
    const reviewers = new Map<string, Actor>();
    for (const d of departmentsOfSteps) reviewers.set(d, await reviewer(h.db, d));
    const byDept = new Map([...reviewers.values()].map((r) => [r.departmentId, r]));

    // Every task of an application decided at the same moment, several applications at a time:
    // the fan-in race at its worst.
    let next = 0;
    const inFlight = 4;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        if (!id) break;
        const tasks = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id));
        await Promise.all(
          tasks.map(async (task) => {
            const actor = byDept.get(task.departmentId);
            if (!actor) throw new Error("no reviewer");
            const claimed = await claimTask(h.db, actor, { taskId: task.id, version: task.version }, now);
            await decideTask(h.db, actor, { taskId: task.id, version: claimed.version, outcome: "approved" }, now);
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));

    const statuses = await h.db
      .select({ status: applications.status, n: sql<number>`count(*)::int` })
      .from(applications)
      .where(inArray(applications.id, ids))
      .groupBy(applications.status);
    expect(statuses).toEqual([{ status: "completed", n: count }]);
    const tasks = await h.db
      .select({ status: reviewTasks.status, n: sql<number>`count(*)::int` })
      .from(reviewTasks)
      .where(inArray(reviewTasks.applicationId, ids))
      .groupBy(reviewTasks.status);
    expect(tasks).toEqual([{ status: "approved", n: count * departmentsOfSteps.length }]);
  });

  it("concurrent duplicate submissions with one key make one application", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const applicant = await newEnterprise(h.db);
    const input = ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "x" },
      materials: {},
      consent: true,
    });
    const results = await Promise.all(Array.from({ length: 12 }, () => submitApplication(h.db, applicant, input, now)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.trackingNumber)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const [n] = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .where(eq(applications.principalId, applicant.entityId ?? ""));
    expect(n?.n).toBe(1);
  });

  it("a decision race has one winner and one conflict", async () => {
    const { code } = await createTestBundle(h.db, [
      { key: "a", department: "market" },
      { key: "b", department: "tax" },
    ]);
    const applicant = await newEnterprise(h.db);
    const [id] = await acceptedApplications(1, code, applicant);
    const actor = await reviewer(h.db, "market");
    const [task] = await h.db
      .select()
      .from(reviewTasks)
      .where(sql`${reviewTasks.applicationId} = ${id} and ${reviewTasks.stepKey} = 'a'`);
    if (!task) throw new Error("no task");
    // Two claims at once: one wins.
    const claims = await Promise.allSettled([
      claimTask(h.db, actor, { taskId: task.id, version: task.version }, now),
      claimTask(h.db, actor, { taskId: task.id, version: task.version }, now),
    ]);
    expect(claims.filter((c) => c.status === "fulfilled")).toHaveLength(1);
    expect(claims.find((c) => c.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    const version = (claims.find((c) => c.status === "fulfilled") as PromiseFulfilledResult<{ version: number }>).value.version;
    // Approve and deny at once with the same version: one wins, the other gets a conflict.
    const decisions = await Promise.allSettled([
      decideTask(h.db, actor, { taskId: task.id, version, outcome: "approved" }, now),
      decideTask(h.db, actor, { taskId: task.id, version, outcome: "denied", reason: "同时作出的另一决定", confirmed: true }, now),
    ]);
    expect(decisions.filter((d) => d.status === "fulfilled")).toHaveLength(1);
    expect(decisions.find((d) => d.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
  });
});
