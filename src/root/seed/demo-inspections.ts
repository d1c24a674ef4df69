import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { isDomainError } from "@/lib/domain-error";
import { addMonths } from "@/modules/credit/model";
import { loadActor } from "@/modules/identity/authenticate";
import { departments, users } from "@/modules/identity/schema";
import { createPlan } from "@/modules/inspections/create-plan";
import { drawPlan } from "@/modules/inspections/draw-plan";
import { recordResult } from "@/modules/inspections/record-result";
import { inspectionInspectors, inspectionPlans } from "@/modules/inspections/schema";
import type { Db } from "@/server/db/client";

/** The demo plan's seed: fixed, so every demo shows the same draw (a real plan's seed is random). */
export const demoInspectionSeed = createHash("sha256").update("tongban demo inspection plan").digest("hex");

const day = 24 * 60 * 60 * 1000;

/**
 * A previous, completed random inspection of the demo's registered enterprises in 保定市 (130600)
 * by market regulation, two months back: published, drawn a day later, one result recorded a
 * month ago (a credit record of the enterprise). Through the module's own use cases; marked
 * `demo`. Runs once (skipped when a demo plan exists, or when the province has nobody to draw).
 */
export async function seedDemoInspections(db: Db, now: Date = new Date()): Promise<void> {
  const [existing] = await db.select({ id: inspectionPlans.id }).from(inspectionPlans).where(eq(inspectionPlans.demo, true)).limit(1);
  if (existing) return;
  const [office] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.login, "DATAOFFICE"), eq(users.role, "dataOffice")));
  const [market] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, "market"));
  const officeActor = office ? await loadActor(db, office.id) : undefined;
  if (!officeActor || !market) return;
  const today = shanghaiDate(now);
  const published = new Date(now.getTime() - 61 * day);
  const drawn = new Date(now.getTime() - 60 * day);
  const inspected = new Date(now.getTime() - 30 * day);
  let planId: string;
  try {
    ({ id: planId } = await createPlan(
      db,
      officeActor,
      {
        title: "保定市餐饮服务单位食品安全双随机抽查（示例）",
        departmentId: market.id,
        scope: "allEnterprises",
        divisionCode: "130600",
        sampleSize: 1,
        inspectorsPerEntity: 1,
        weightA: 1,
        weightB: 2,
        weightC: 4,
        weightD: 8,
        periodFrom: shanghaiDate(drawn),
        periodUntil: addMonths(today, -1),
      },
      published,
      demoInspectionSeed,
    ));
  } catch (e) {
    // No enterprise registered in 保定市 (a province file without the demo's enterprises): no demo plan.
    if (isDomainError(e) && e.code === "invalidInput") return;
    throw e;
  }
  await db.update(inspectionPlans).set({ demo: true }).where(eq(inspectionPlans.id, planId));
  const { drawn: codes } = await drawPlan(db, officeActor, { planId, version: 1 }, drawn);
  for (const code of codes) {
    const [assigned] = await db
      .select({ id: inspectionInspectors.inspectorId })
      .from(inspectionInspectors)
      .where(and(eq(inspectionInspectors.planId, planId), eq(inspectionInspectors.entityCode, code), eq(inspectionInspectors.drawn, true)));
    const inspector = assigned ? await loadActor(db, assigned.id) : undefined;
    if (!inspector) continue;
    await recordResult(
      db,
      inspector,
      {
        planId,
        entityCode: code,
        outcome: "rectified",
        findings: "后厨生熟食品混放，部分从业人员健康证明过期；已当场责令改正，复查时已整改完毕。",
        inspectedOn: shanghaiDate(inspected),
      },
      inspected,
    );
  }
}
