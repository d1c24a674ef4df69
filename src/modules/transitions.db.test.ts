import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import type { DatabaseHandle } from "@/server/db/client";
import { testDatabase, uniqueSuffix } from "@/root/testing/database";
import { actorByLogin, createTestBundle, ensureDemo, freshCreditCode, newEnterprise } from "@/root/testing/fixtures";
import { acceptApplication } from "./applications/accept-application";
import { ZSubmitApplicationInput } from "./applications/inputs";
import { applicationEvents, applicationMachine, applicationStatuses } from "./applications/model";
import { applications } from "./applications/schema";
import { submitApplication } from "./applications/submit-application";
import { applyApplicationEvent } from "./applications/transition";
import { withdrawApplication } from "./applications/withdraw-application";
import { auditEvents } from "./audit/schema";
import type { Actor } from "./identity/model";
import { departments } from "./identity/schema";
import { nameEvents, nameMachine, nameStatuses } from "./registration/model";
import { applyNameEvent, applyNameEventToAll } from "./registration/name-transition";
import { enterpriseNames } from "./registration/schema";
import { taskEvents, taskMachine, taskStatuses } from "./review/model";
import { reviewTasks } from "./review/schema";
import { applyTaskEvent, applyTaskEventToAll } from "./review/transition";
import { applyCertificateEvent, applyCertificateEventToAll } from "./sharing/certificate-transition";
import { applyGrantEvent } from "./sharing/grant-transition";
import { certificateEvents, certificateMachine, certificateStatuses, grantEvents, grantMachine, grantStatuses } from "./sharing/model";
import { issueCertificate } from "./sharing/registry";
import { certificates } from "./sharing/registry-schema";
import { dataResources, grants } from "./sharing/schema";

// The persistence helpers of the five machines on a real database: every move the table does not
// have is refused and leaves the row and the audit log as they were; bulk moves audit every row.

let h: DatabaseHandle;
let clerk: Actor;
let dataOffice: Actor;
beforeAll(async () => {
  h = await testDatabase();
  await ensureDemo(h.db);
  clerk = await actorByLogin(h.db, "clerk");
  dataOffice = await actorByLogin(h.db, "dataoffice");
});

const monday = new Date("2026-03-02T01:00:00Z");
const later = (minutes: number) => new Date(monday.getTime() + minutes * 60_000);

async function acceptedApplication() {
  const { code } = await createTestBundle(h.db, [
    { key: "a", department: "market" },
    { key: "b", department: "tax" },
    { key: "c", department: "fire", needs: ["a"] },
  ]);
  const applicant = await newEnterprise(h.db);
  const input = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "示例项目" },
    materials: {},
    consent: true,
  });
  const submitted = await submitApplication(h.db, applicant, input, monday);
  const [app] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
  await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: app?.version ?? 0 }, later(5));
  return { id: submitted.id, applicant };
}

const auditCount = async (entityId: string) => (await h.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.entityId, entityId)))[0]?.n ?? 0;

/** Every (state, event) pair the table does not have. */
function illegalPairs<S extends string, E extends string>(
  statuses: readonly S[],
  events: readonly E[],
  table: Record<S, Partial<Record<E, S>>>,
): Array<[S, E]> {
  return statuses.flatMap((s) => events.filter((e) => table[s][e] === undefined).map((e): [S, E] => [s, e]));
}

/**
 * Puts the row in each state in turn (as test setup, behind the machine's back) and tries every
 * illegal event through the helper: refused as an illegal transition, the row and its audit trail
 * unchanged.
 */
async function expectIllegalRefused<S extends string, E extends string, R>(
  pairs: Array<[S, E]>,
  entityId: string,
  setStatus: (s: S) => Promise<void>,
  read: () => Promise<R>,
  apply: (tx: Db, row: R, event: E) => Promise<unknown>,
) {
  expect(pairs.length).toBeGreaterThan(0);
  for (const [state, event] of pairs) {
    await setStatus(state);
    const before = await read();
    const audited = await auditCount(entityId);
    await expect(
      h.db.transaction((tx) => apply(tx, before, event)),
      `${state} × ${event}`,
    ).rejects.toMatchObject({ code: "illegalTransition" });
    expect(await read()).toEqual(before);
    expect(await auditCount(entityId)).toBe(audited);
  }
}

describe("illegal transitions are refused and change nothing", () => {
  it("application", async () => {
    const { id } = await acceptedApplication();
    const read = async () => (await h.db.select().from(applications).where(eq(applications.id, id)))[0]!;
    await expectIllegalRefused(
      illegalPairs(applicationStatuses, applicationEvents, applicationMachine),
      id,
      async (s) => void (await h.db.update(applications).set({ status: s }).where(eq(applications.id, id))),
      read,
      (tx, row, event) => applyApplicationEvent(tx, row, event, { actor: clerk, now: later(10) }),
    );
  });

  it("review task", async () => {
    const { id } = await acceptedApplication();
    const [task] = await h.db
      .select()
      .from(reviewTasks)
      .where(and(eq(reviewTasks.applicationId, id), eq(reviewTasks.stepKey, "a")));
    const read = async () => (await h.db.select().from(reviewTasks).where(eq(reviewTasks.id, task!.id)))[0]!;
    await expectIllegalRefused(
      illegalPairs(taskStatuses, taskEvents, taskMachine),
      task!.id,
      async (s) => void (await h.db.update(reviewTasks).set({ status: s }).where(eq(reviewTasks.id, task!.id))),
      read,
      (tx, row, event) => applyTaskEvent(tx, row, event, { actor: null, now: later(10) }),
    );
  });

  it("grant", async () => {
    const [market] = await h.db.select().from(departments).where(eq(departments.code, "market"));
    const [tax] = await h.db.select().from(departments).where(eq(departments.code, "tax"));
    const suffix = uniqueSuffix();
    const [resource] = await h.db
      .insert(dataResources)
      .values({
        code: `test.machines.${suffix}`,
        nameZh: "测试资源",
        nameEn: "Test resource",
        providerDepartmentId: market!.id,
        fields: ["name"],
        shareType: "conditional",
        openType: "notOpen",
        updateFrequency: "daily",
        lastUpdatedAt: monday,
        legalBasis: "《测试条例》第一条",
      })
      .returning();
    const [grant] = await h.db
      .insert(grants)
      .values({ resourceId: resource!.id, consumerDepartmentId: tax!.id, serviceCodes: ["test"], status: "requested", purpose: "《测试条例》第二条" })
      .returning();
    const read = async () => (await h.db.select().from(grants).where(eq(grants.id, grant!.id)))[0]!;
    await expectIllegalRefused(
      illegalPairs(grantStatuses, grantEvents, grantMachine),
      grant!.id,
      async (s) => void (await h.db.update(grants).set({ status: s }).where(eq(grants.id, grant!.id))),
      read,
      (tx, row, event) => applyGrantEvent(tx, row, event, { actor: dataOffice, now: later(10) }),
    );
  });

  it("enterprise name", async () => {
    const [name] = await h.db
      .insert(enterpriseNames)
      .values({
        fullName: `河北测试${uniqueSuffix()}有限公司`,
        divisionCode: "130000",
        divisionName: "河北",
        tradeName: "测试",
        normalisedTrade: `测试${uniqueSuffix()}`,
        industry: "科技",
        form: "有限公司",
        status: "reserved",
        reservedUntil: later(60),
      })
      .returning();
    const read = async () => (await h.db.select().from(enterpriseNames).where(eq(enterpriseNames.id, name!.id)))[0]!;
    await expectIllegalRefused(
      illegalPairs(nameStatuses, nameEvents, nameMachine),
      name!.id,
      async (s) => void (await h.db.update(enterpriseNames).set({ status: s }).where(eq(enterpriseNames.id, name!.id))),
      read,
      (tx, row, event) => applyNameEvent(tx, row, event, { actor: null, now: later(10) }),
    );
  });

  it("certificate", async () => {
    const issued = await h.db.transaction((tx) =>
      issueCertificate(tx, {
        typeCode: "sealRecord",
        holderCode: freshCreditCode(),
        holderName: "测试有限公司",
        answers: { sealTypes: "company" },
        sourceApplicationId: null,
        issuedOn: "2026-03-02",
      }),
    );
    const read = async () => (await h.db.select().from(certificates).where(eq(certificates.id, issued.id)))[0]!;
    await expectIllegalRefused(
      illegalPairs(certificateStatuses, certificateEvents, certificateMachine),
      issued.id,
      async (s) => void (await h.db.update(certificates).set({ status: s }).where(eq(certificates.id, issued.id))),
      read,
      (tx, row, event) => applyCertificateEvent(tx, row, event, { actor: dataOffice, now: later(10) }),
    );
  });
});

describe("bulk moves", () => {
  it("withdrawing cancels every live task through the machine, one audit row each", async () => {
    const { id, applicant } = await acceptedApplication();
    const before = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id));
    expect(before.map((t) => t.status).sort()).toEqual(["open", "open", "waiting"]);
    const [app] = await h.db.select().from(applications).where(eq(applications.id, id));
    await withdrawApplication(h.db, applicant, { applicationId: id, version: app!.version }, later(20));

    const after = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id));
    expect(after.map((t) => t.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    for (const t of before) {
      expect(after.find((a) => a.id === t.id)?.version).toBe(t.version + 1);
      const rows = await h.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, t.id), eq(auditEvents.action, "task.cancel")));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ streamId: id, fromState: t.status, toState: "cancelled", actorUserId: applicant.userId });
    }
  });

  it("one illegal row refuses the whole bulk move: nothing moves, nothing is audited", async () => {
    const { id } = await acceptedApplication();
    const tasks = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id));
    // Two open tasks and one waiting: `open` is legal only for the waiting one.
    const audited = await Promise.all(tasks.map((t) => auditCount(t.id)));
    await expect(h.db.transaction((tx) => applyTaskEventToAll(tx, tasks, "open", { actor: null, now: later(30) }))).rejects.toMatchObject({
      code: "illegalTransition",
    });
    expect(await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id))).toEqual(expect.arrayContaining(tasks));
    expect(await Promise.all(tasks.map((t) => auditCount(t.id)))).toEqual(audited);
  });

  it("certificates and names move in bulk with an audit row each", async () => {
    const certs = await h.db.transaction(async (tx) => {
      const out = [];
      for (let i = 0; i < 3; i++) {
        const c = await issueCertificate(tx, {
          typeCode: "sealRecord",
          holderCode: freshCreditCode(),
          holderName: "测试有限公司",
          answers: { sealTypes: "company" },
          sourceApplicationId: null,
          issuedOn: "2026-03-02",
        });
        out.push({ ...c, status: "valid" as const });
      }
      return out;
    });
    await h.db.transaction((tx) =>
      applyCertificateEventToAll(tx, certs, "revoke", { actor: dataOffice, now: later(40), patch: { revokedAt: later(40), revocationReason: "测试撤销" } }),
    );
    for (const c of certs) {
      const [row] = await h.db.select({ status: certificates.status }).from(certificates).where(eq(certificates.id, c.id));
      expect(row?.status).toBe("revoked");
      const audit = await h.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, c.id), eq(auditEvents.action, "certificate.revoke")));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ fromState: "valid", toState: "revoked" });
    }

    const names = await h.db
      .insert(enterpriseNames)
      .values(
        [1, 2].map(() => ({
          fullName: `河北测试${uniqueSuffix()}有限公司`,
          divisionCode: "130000",
          divisionName: "河北",
          tradeName: "测试",
          normalisedTrade: `测试${uniqueSuffix()}`,
          industry: "科技",
          form: "有限公司",
          status: "reserved" as const,
          reservedUntil: later(1),
        })),
      )
      .returning();
    await h.db.transaction((tx) => applyNameEventToAll(tx, names, "release", { actor: null, now: later(50) }));
    for (const n of names) {
      const audit = await h.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, n.id), eq(auditEvents.action, "name.release")));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ fromState: "reserved", toState: "released", actorUserId: null });
    }
  });
});
