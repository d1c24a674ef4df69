import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { auditEvents } from "@/modules/audit/schema";
import { loadApplicationPlan } from "@/modules/catalog/load-application-plan";
import type { PlanMaterial } from "@/modules/catalog/plan";
import type { Actor } from "@/modules/identity/model";
import { outbox } from "@/modules/notifications/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { acceptApplication } from "./accept-application";
import { getApplication } from "./get-application";
import { ZSubmitApplicationInput, ZSupplyStageMaterialsInput } from "./inputs";
import { applicationMaterials, applications } from "./schema";
import { submitApplication } from "./submit-application";
import { supplyStageMaterials } from "./supply-stage-materials";
import { uploadFile } from "./upload-file";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const pdf = new Uint8Array([...Buffer.from("%PDF-1.4\n%staged\n")]);
const construction = { kind: "bundle" as const, code: "constructionProject" };
// Working days in March 2026, one step of the journey a day.
const day = (n: number) => new Date(`2026-03-${String(n).padStart(2, "0")}T02:00:00Z`);

async function supply(applicant: Actor, materials: readonly PlanMaterial[]) {
  const formData: Record<string, string> = {};
  const supplied: Record<string, { kind: "upload"; uploadId: string } | { kind: "certificate" }> = {};
  for (const m of materials) {
    if (m.source === "formField") formData[m.key] = m.fieldType === "number" ? "5000" : m.fieldType === "date" ? "2026-03-20" : "示例工程";
    // The registry holds the enterprise's licence but no project approval (its issuer is not in the
    // demo): that one is uploaded, as the apply form allows for a certificate the registry lacks.
    else if (m.source === "certificate" && m.certificateType !== "projectApproval") supplied[m.key] = { kind: "certificate" };
    else supplied[m.key] = { kind: "upload", uploadId: (await uploadFile(h.db, applicant, { fileName: `${m.key}.pdf`, content: pdf })).id };
  }
  return { formData, materials: supplied };
}

const tasksOf = async (applicationId: string) =>
  Object.fromEntries((await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, applicationId))).map((t) => [t.stepKey, t]));
const statusesOf = async (applicationId: string) => Object.fromEntries(Object.entries(await tasksOf(applicationId)).map(([k, t]) => [k, t.status]));
const versionOf = async (id: string) => (await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, id)))[0]?.v ?? 0;

async function approve(applicationId: string, step: string, dept: string, at: Date) {
  const actor = await reviewer(h.db, dept);
  const task = (await tasksOf(applicationId))[step];
  if (!task) throw new Error(step);
  await decideTask(h.db, actor, { taskId: task.id, version: task.version, outcome: "approved", reason: "符合条件" }, at);
}

const stageNotices = async (applicationId: string, applicant: Actor) =>
  (
    await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, "stageMaterialsRequired")))
  ).filter((r) => r.recipientUserIds.includes(applicant.userId));

describe("a staged bundle asks each stage's materials when that stage opens", () => {
  it("the construction project: submission asks the first stage only; each later stage waits for its materials, uploaded on the case page", async () => {
    const plan = await loadApplicationPlan(h.db, construction);
    const stageOf = new Map(plan.materials.map((m) => [m.key, m.stage]));
    expect(stageOf.get("projectName")).toBe(1);
    expect(stageOf.get("architecturalDesign")).toBe(2);
    expect(stageOf.get("constructionDrawings")).toBe(3);
    expect(stageOf.get("completionReport")).toBe(4);

    // Submission: only the first stage's materials, and nothing of the completion stage.
    const applicant = await newEnterprise(h.db);
    const first = plan.materials.filter((m) => m.stage === 1);
    const s = await submitApplication(
      h.db,
      applicant,
      ZSubmitApplicationInput.parse({ subject: construction, idempotencyKey: randomUUID(), ...(await supply(applicant, first)), consent: true }),
      day(2),
    );
    await acceptApplication(h.db, clerk, { applicationId: s.id, version: await versionOf(s.id) }, day(2));
    expect(await statusesOf(s.id)).toMatchObject({ landUsePlanning: "open", environmentalImpact: "open", engineeringPlanning: "waiting" });

    // Stage 1 approved: the engineering planning step is ready, but its materials are owed. It
    // waits (not opened, no clock, not claimable) and the applicant is told once.
    await approve(s.id, "landUsePlanning", "naturalResources", day(3));
    expect(await stageNotices(s.id, applicant)).toHaveLength(0);
    await approve(s.id, "environmentalImpact", "ecology", day(3));
    let tasks = await tasksOf(s.id);
    expect(tasks.engineeringPlanning).toMatchObject({ status: "waiting", clockStartedAt: null });
    expect(tasks.engineeringPlanning?.materialsRequestedAt?.toISOString()).toBe(day(3).toISOString());
    const notices = await stageNotices(s.id, applicant);
    expect(notices).toHaveLength(1);
    expect(String((notices[0]?.params as Record<string, unknown>).materials)).toContain("建设工程设计方案");
    const planner = await reviewer(h.db, "naturalResources");
    await expect(
      claimTask(h.db, planner, { taskId: tasks.engineeringPlanning!.id, version: tasks.engineeringPlanning!.version }, day(4)),
    ).rejects.toMatchObject({ code: "illegalTransition" });

    // The case page says what the stage needs; the applicant's view, not the catalog's list.
    let view = await getApplication(h.db, applicant, s.id, day(4));
    expect(view.tasks.find((t) => t.stepKey === "engineeringPlanning")?.awaitingMaterials).toBe(true);
    expect(view.stageMaterials?.steps.map((x) => x.key)).toEqual(["engineeringPlanning"]);
    const owed = view.stageMaterials?.materials.map((m) => m.key).sort();
    expect(owed).toEqual(["architecturalDesign", "buildingArea"]);

    // A stage form that leaves out a required material is refused on its field; nothing is written.
    const stage2 = plan.materials.filter((m) => m.stage === 2);
    const partial = await supply(
      applicant,
      stage2.filter((m) => m.key !== "architecturalDesign"),
    );
    const refused = await supplyStageMaterials(
      h.db,
      applicant,
      ZSupplyStageMaterialsInput.parse({ applicationId: s.id, version: await versionOf(s.id), ...partial }),
      day(4),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(z.ZodError);
    expect((refused as z.ZodError).issues.map((i) => i.path.join("."))).toEqual(["materials.architecturalDesign"]);
    expect((await tasksOf(s.id)).engineeringPlanning?.status).toBe("waiting");
    expect(
      await h.db
        .select()
        .from(applicationMaterials)
        .where(and(eq(applicationMaterials.applicationId, s.id), eq(applicationMaterials.materialKey, "buildingArea"))),
    ).toEqual([]);
    // Only the applicant supplies them.
    await expect(
      supplyStageMaterials(
        h.db,
        await newEnterprise(h.db),
        ZSupplyStageMaterialsInput.parse({ applicationId: s.id, version: await versionOf(s.id), ...partial }),
        day(4),
      ),
    ).rejects.toMatchObject({ code: "notFound" });

    // Complete: the step opens at once, with its clock.
    const stage2Result = await supplyStageMaterials(
      h.db,
      applicant,
      ZSupplyStageMaterialsInput.parse({ applicationId: s.id, version: await versionOf(s.id), ...(await supply(applicant, stage2)) }),
      day(4),
    );
    expect(stage2Result.status).toBe("inReview");
    tasks = await tasksOf(s.id);
    expect(tasks.engineeringPlanning).toMatchObject({ status: "open" });
    expect(tasks.engineeringPlanning?.clockStartedAt?.toISOString()).toBe(day(4).toISOString());
    const [app] = await h.db.select().from(applications).where(eq(applications.id, s.id));
    expect(app?.formData.buildingArea).toBe("5000");
    const audited = await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, s.id), eq(auditEvents.action, "application.stageMaterials")));
    expect(audited).toHaveLength(1);
    expect((await getApplication(h.db, applicant, s.id, day(4))).stageMaterials).toBeNull();

    // Stage 3: construction permit and fire design review wait together for their drawings.
    await approve(s.id, "engineeringPlanning", "naturalResources", day(5));
    expect(await statusesOf(s.id)).toMatchObject({ constructionPermit: "waiting", fireDesignReview: "waiting" });
    view = await getApplication(h.db, applicant, s.id, day(5));
    expect(view.stageMaterials?.steps.map((x) => x.key).sort()).toEqual(["constructionPermit", "fireDesignReview"]);
    await supplyStageMaterials(
      h.db,
      applicant,
      ZSupplyStageMaterialsInput.parse({
        applicationId: s.id,
        version: await versionOf(s.id),
        ...(await supply(
          applicant,
          plan.materials.filter((m) => m.stage === 3),
        )),
      }),
      day(6),
    );
    expect(await statusesOf(s.id)).toMatchObject({ constructionPermit: "open", fireDesignReview: "open" });
    await approve(s.id, "constructionPermit", "housing", day(9));
    await approve(s.id, "fireDesignReview", "fire", day(9));

    // Stage 4, completion: its documents were never asked before now.
    expect(await statusesOf(s.id)).toMatchObject({ completionAcceptance: "waiting", fireAcceptance: "waiting" });
    view = await getApplication(h.db, applicant, s.id, day(10));
    expect(view.stageMaterials?.materials.map((m) => m.key)).toEqual(expect.arrayContaining(["completionReport", "completionDate", "fireFacilityDrawings"]));
    expect(await stageNotices(s.id, applicant)).toHaveLength(3);
    await supplyStageMaterials(
      h.db,
      applicant,
      ZSupplyStageMaterialsInput.parse({
        applicationId: s.id,
        version: await versionOf(s.id),
        ...(await supply(
          applicant,
          plan.materials.filter((m) => m.stage === 4),
        )),
      }),
      day(10),
    );
    await approve(s.id, "completionAcceptance", "housing", day(11));
    await approve(s.id, "fireAcceptance", "fire", day(11));
    const [done] = await h.db.select().from(applications).where(eq(applications.id, s.id));
    expect(done?.status).toBe("completed");
    // Nothing is owed any more: a stage form sent now is refused.
    await expect(
      supplyStageMaterials(h.db, applicant, ZSupplyStageMaterialsInput.parse({ applicationId: s.id, version: done?.version ?? 0 }), day(12)),
    ).rejects.toMatchObject({ code: "illegalTransition" });
  });

  it("a bundle that is not staged asks everything at submission (start a business keeps its one form)", async () => {
    const plan = await loadApplicationPlan(h.db, { kind: "bundle", code: "startBusiness" });
    expect(new Set(plan.materials.map((m) => m.stage))).toEqual(new Set([1]));
  });
});
