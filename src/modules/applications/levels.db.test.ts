import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/modules/audit/schema";
import type { ServiceCompetence } from "@/modules/catalog/model";
import { departments } from "@/modules/identity/schema";
import { listDepartmentQueue } from "@/modules/review/list-queue";
import { reviewTasks } from "@/modules/review/schema";
import { readCertificates } from "@/modules/sharing/gate";
import { createTestBundle, newEnterprise, reviewer, withDemo, type TestStep } from "@/root/testing/fixtures";
import { acceptApplication } from "./accept-application";
import { getApplication } from "./get-application";
import { ZSubmitApplicationInput } from "./inputs";
import { applications } from "./schema";
import { submitApplication } from "./submit-application";
import { trackApplication } from "./track-application";

// 管辖层级: a service with a competence rule is decided by the body of its department's function
// whose division covers the applicant's (or the project's) division: county first, then its city,
// then the province. The demo has market regulation bodies in Shijiazhuang (130100) and its
// Chang'an district (130102), Baoding (130600) and Baoding's Tang County (130627).

const { h, clerk } = await withDemo({ clerk: "clerk" });
const monday = new Date("2026-03-02T01:00:00Z");

const deptIds = new Map((await h.db.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]));
const idOf = (code: string) => deptIds.get(code) ?? `missing ${code}`;

/** An enterprise registered in `divisionCode` applies for a one-step bundle of market regulation with the rule, and the window accepts. */
async function acceptedIn(divisionCode: string, competence: ServiceCompetence | undefined, formData: Record<string, string> = { projectName: "示例项目" }) {
  const steps: TestStep[] = [
    { key: "licence", department: "market", ...(competence ? { competence } : {}) },
    { key: "fire", department: "fire" },
  ];
  const { code } = await createTestBundle(h.db, steps);
  const applicant = await newEnterprise(h.db, { divisionCode });
  const input = ZSubmitApplicationInput.parse({ subject: { kind: "bundle", code }, idempotencyKey: randomUUID(), formData, materials: {}, consent: true });
  const submitted = await submitApplication(h.db, applicant, input, monday);
  const [app] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
  await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: app?.version ?? 0 }, monday);
  const tasks = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, submitted.id));
  const byStep = Object.fromEntries(tasks.map((t) => [t.stepKey, t]));
  const [after] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
  return { id: submitted.id, applicant, tasks: byStep, app: after };
}

describe("routing at acceptance", () => {
  it("sends the task to the county body of the applicant's division, and records it in the plan and the acceptance", async () => {
    const { id, tasks, app } = await acceptedIn("130627", { lowestLevel: "county" });
    expect(tasks.licence?.departmentId).toBe(idOf("marketTangxian"));
    // A step without a rule stays with its (provincial) department.
    expect(tasks.fire?.departmentId).toBe(idOf("fire"));
    const step = app?.plan.find((s) => s.key === "licence");
    expect(step).toMatchObject({ departmentId: idOf("marketTangxian"), serviceDepartmentId: idOf("market") });
    expect(app?.plan.find((s) => s.key === "fire")?.serviceDepartmentId).toBeUndefined();
    const [accept] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "application.accept")))
      .orderBy(desc(auditEvents.at));
    expect(accept?.data).toMatchObject({ routed: [{ step: "licence", departmentCode: "marketTangxian" }] });
  });

  it("falls back to the city where the county has no body, and to the province where the city has none", async () => {
    // 竞秀区 (130602) has no market body in the demo: Baoding's decides.
    expect((await acceptedIn("130602", { lowestLevel: "county" })).tasks.licence?.departmentId).toBe(idOf("marketBaoding"));
    // Qinhuangdao (130302) has none at either level: the province decides.
    expect((await acceptedIn("130302", { lowestLevel: "county" })).tasks.licence?.departmentId).toBe(idOf("market"));
  });

  it("starts at the city when the rule says so, even where the county has a body", async () => {
    expect((await acceptedIn("130102", { lowestLevel: "city" })).tasks.licence?.departmentId).toBe(idOf("marketShijiazhuang"));
    expect((await acceptedIn("130102", { lowestLevel: "county" })).tasks.licence?.departmentId).toBe(idOf("marketChangan"));
  });

  it("routes by the project's location when the rule names the answer that holds it", async () => {
    // The applicant is registered in Shijiazhuang; the project lies in Tang County.
    const routed = await acceptedIn("130102", { lowestLevel: "county", locationKey: "projectName" }, { projectName: "130627" });
    expect(routed.tasks.licence?.departmentId).toBe(idOf("marketTangxian"));
  });

  it("leaves a service without a rule at its department, as before levels", async () => {
    const { tasks, app } = await acceptedIn("130627", undefined);
    expect(tasks.licence?.departmentId).toBe(idOf("market"));
    expect(app?.plan.every((s) => s.serviceDepartmentId === undefined)).toBe(true);
  });
});

describe("reviewers see only their body's tasks", () => {
  it("puts the task in the competent body's queue only; another body's reviewer neither lists nor opens the case", async () => {
    const { id, app } = await acceptedIn("130602", { lowestLevel: "county" });
    const baoding = await reviewer(h.db, "marketBaoding");
    const province = await reviewer(h.db, "market");
    const tangxian = await reviewer(h.db, "marketTangxian");
    const queue = async (actor: typeof baoding) =>
      (
        await listDepartmentQueue(
          h.db,
          actor as typeof actor & { departmentId: string },
          { status: "all", overdueOnly: false, page: 1, q: app?.trackingNumber ?? "" },
          monday,
        )
      ).rows.map((t) => t.applicationId);
    expect(await queue(baoding)).toContain(id);
    expect(await queue(province)).not.toContain(id);
    expect(await queue(tangxian)).not.toContain(id);
    await expect(getApplication(h.db, province, id, monday)).rejects.toMatchObject({ code: "notFound" });
    await expect(getApplication(h.db, tangxian, id, monday)).rejects.toMatchObject({ code: "notFound" });
    // The case page and public tracking name the body that decides.
    const view = await getApplication(h.db, baoding, id, monday);
    expect(JSON.stringify(view)).toContain("保定市市场监督管理局");
    const tracked = await trackApplication(h.db, { trackingNumber: app?.trackingNumber ?? "", queryCode: app?.queryCode ?? "" }, monday);
    expect(JSON.stringify(tracked.tasks)).toContain("保定市市场监督管理局");
    expect(JSON.stringify(tracked.tasks)).not.toContain("河北省市场监督管理局");
  });
});

describe("a routed body reads through the gate", () => {
  it("under its provincial department's resources and grants, for the routed service only", async () => {
    const { id, app } = await acceptedIn("130602", { lowestLevel: "county" });
    const holderCode = app?.holderCode ?? "";
    const read = async (dept: string) =>
      readCertificates(h.db, await reviewer(h.db, dept), {
        holderCode,
        typeCodes: ["businessLicence"],
        purpose: { kind: "application", applicationId: id },
        today: "2026-03-02",
      });
    // Market regulation provides the business licence; the Baoding bureau decides the licence step in its stead.
    expect((await read("marketBaoding")).certificates.map((c) => c.holderCode)).toEqual([holderCode]);
    // A body with no task on the case has no purpose, and the provincial department no longer has one either.
    expect(await read("marketTangxian")).toEqual({ certificates: [], refused: [{ typeCode: "businessLicence", reason: "sharing.refusal.noPurpose" }] });
    expect(await read("market")).toEqual({ certificates: [], refused: [{ typeCode: "businessLicence", reason: "sharing.refusal.noPurpose" }] });
  });
});
