import { and, eq, inArray } from "drizzle-orm";
import { bundles, bundleSteps, materials, services } from "@/modules/catalog/schema";
import { loadActor } from "@/modules/identity/authenticate";
import { normalizeLogin } from "@/modules/identity/model";
import { departments, users } from "@/modules/identity/schema";
import { grantForeignDepartment } from "@/modules/sharing/foreign-grants";
import { dataResources, foreignGrants } from "@/modules/sharing/schema";
import type { Db } from "@/server/db/client";

/**
 * 多地联办 in the demo (issue 14): a Hebei enterprise that opens a place of business in Beijing
 * applies once, on the Hebei node, for a bundle of two steps: Hebei's tax bureau takes its
 * cross-region tax report, and Beijing's market regulation files its Beijing operation on the
 * Beijing node. Seeded on each node only when the other is a peer; idempotent.
 */
export const demoJoint = {
  leadRegion: "hebei",
  partnerRegion: "beijing",
  bundleCode: "beijingOperation",
  /** The Beijing node's service that decides the remote step. */
  partnerServiceCode: "hebeiEnterpriseOperationFiling",
  /** The lead department whose grant the partner checks (Hebei's entry for the remote step). */
  leadDepartment: "market",
} as const;

const jointBasis = "《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》（国办发〔2020〕35号）：多地联办";
const taxBasis = "《国家税务总局关于创新跨区域涉税事项报告管理制度的通知》（税总发〔2017〕103号）";

const operatingAddress = (serviceId: string, legalBasis: string) => ({
  serviceId,
  key: "operatingAddress",
  nameZh: "在京经营地址",
  nameEn: "Place of business in Beijing",
  legalBasis,
  source: "formField" as const,
  fieldType: "text" as const,
  required: true,
  sortOrder: 1,
});

async function departmentId(db: Db, code: string): Promise<string | undefined> {
  const [d] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  return d?.id;
}

/** Inserts a service with its materials once; returns its id (an existing one is left as it is). */
async function ensureService(
  db: Db,
  values: Omit<typeof services.$inferInsert, "id">,
  materialsOf: (serviceId: string) => Array<typeof materials.$inferInsert>,
): Promise<string> {
  const [existing] = await db.select({ id: services.id }).from(services).where(eq(services.code, values.code));
  if (existing) return existing.id;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(services).values(values).returning({ id: services.id });
    const ms = materialsOf(row!.id);
    if (ms.length) await tx.insert(materials).values(ms);
    return row!.id;
  });
}

const leadServiceCodes = ["crossRegionTaxReport", "beijingOperationFiling"];

/** Hebei: the joint bundle, published only while Beijing is a peer. */
async function seedLead(db: Db, active: boolean): Promise<void> {
  const tax = await departmentId(db, "tax");
  const market = await departmentId(db, demoJoint.leadDepartment);
  if (!tax || !market) return;
  const [bundle] = await db.select({ id: bundles.id, published: bundles.published }).from(bundles).where(eq(bundles.code, demoJoint.bundleCode));
  if (bundle) {
    // The bundle and its steps' services are on offer only while Beijing is a peer.
    if (bundle.published !== active) {
      await db.transaction(async (tx) => {
        await tx.update(bundles).set({ published: active }).where(eq(bundles.id, bundle.id));
        await tx.update(services).set({ published: active }).where(inArray(services.code, leadServiceCodes));
      });
    }
    return;
  }
  if (!active) return;
  const taxReport = await ensureService(
    db,
    {
      code: "crossRegionTaxReport",
      nameZh: "跨区域涉税事项报告",
      nameEn: "Cross-region tax report",
      departmentId: tax,
      legalBasis: taxBasis,
      conditionsZh: "在河北省登记的纳税人到外省临时从事生产经营活动。",
      conditionsEn: "A taxpayer registered in Hebei doing business in another province for a time.",
      statutoryDays: 5,
      promisedDays: 1,
      applicantKinds: ["enterprise"],
    },
    (id) => [operatingAddress(id, taxBasis)],
  );
  const filing = await ensureService(
    db,
    {
      code: "beijingOperationFiling",
      nameZh: "在京经营备案（北京市审查）",
      nameEn: "Filing of operation in Beijing (reviewed by Beijing)",
      departmentId: market,
      legalBasis: jointBasis,
      conditionsZh: "河北省企业在北京市设立经营场所；由北京市市场监督管理局在北京市节点审查。",
      conditionsEn:
        "A Hebei enterprise opening a place of business in Beijing; reviewed by the Beijing Administration for Market Regulation on the Beijing node.",
      statutoryDays: 10,
      promisedDays: 5,
      applicantKinds: ["enterprise"],
    },
    (id) => [operatingAddress(id, jointBasis)],
  );
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bundles)
      .values({
        code: demoJoint.bundleCode,
        nameZh: "京冀联办：河北企业在京经营“一件事”",
        nameEn: "Beijing–Hebei joint review: a Hebei enterprise doing business in Beijing",
        descriptionZh: "一次申请，河北省税务局办理跨区域涉税事项报告，北京市市场监督管理局在北京市办理在京经营备案，两地各自审查，一次办结。",
        descriptionEn:
          "One application: Hebei's tax bureau takes the cross-region tax report and Beijing's market regulation files the operation in Beijing, each on its own node, with one completion.",
        leadDepartmentId: tax,
        applicantKinds: ["enterprise"],
      })
      .onConflictDoNothing()
      .returning({ id: bundles.id });
    if (!row) return;
    await tx.insert(bundleSteps).values([
      { bundleId: row.id, key: "taxReport", serviceId: taxReport, sortOrder: 0 },
      {
        bundleId: row.id,
        key: "beijingFiling",
        serviceId: filing,
        sortOrder: 1,
        partnerRegion: demoJoint.partnerRegion,
        partnerServiceCode: demoJoint.partnerServiceCode,
      },
    ]);
  });
}

/** Beijing: the service that decides the remote step, and the grant that lets Hebei open it. */
async function seedPartner(db: Db): Promise<void> {
  const market = await departmentId(db, "market");
  if (!market) return;
  await ensureService(
    db,
    {
      code: demoJoint.partnerServiceCode,
      nameZh: "外埠企业在京经营备案（京冀联办）",
      nameEn: "Filing of an out-of-town enterprise's operation in Beijing (joint review with Hebei)",
      departmentId: market,
      legalBasis: jointBasis,
      conditionsZh: "外埠企业在北京市设立经营场所，经其登记地政务服务平台联办提交。",
      conditionsEn: "An enterprise registered elsewhere opening a place of business in Beijing, sent by its home region's portal for joint review.",
      statutoryDays: 10,
      promisedDays: 5,
      applicantKinds: ["enterprise"],
    },
    () => [],
  );
  const [existing] = await db
    .select({ id: foreignGrants.id })
    .from(foreignGrants)
    .innerJoin(dataResources, eq(dataResources.id, foreignGrants.resourceId))
    .where(
      and(
        eq(dataResources.code, "certificate.foodBusinessLicence"),
        eq(foreignGrants.consumerRegion, demoJoint.leadRegion),
        eq(foreignGrants.consumerDepartmentCode, demoJoint.leadDepartment),
      ),
    );
  if (existing) return;
  const [office] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.login, normalizeLogin("dataoffice")));
  const actor = office ? await loadActor(db, office.id) : undefined;
  if (!actor) return;
  await grantForeignDepartment(db, actor, {
    resourceCode: "certificate.foodBusinessLicence",
    consumerRegion: demoJoint.leadRegion,
    consumerDepartmentCode: demoJoint.leadDepartment,
    serviceCodes: [demoJoint.bundleCode],
    purpose: "多地联办：河北省“京冀联办”一件事中由北京市市场监督管理局审查的在京经营备案",
  });
}

/** Seeds this node's side of the demo joint bundle when the other region is a peer. */
export async function seedJointDemo(db: Db, region: string, peerRegions: readonly string[]): Promise<void> {
  if (region === demoJoint.leadRegion) await seedLead(db, peerRegions.includes(demoJoint.partnerRegion));
  else if (region === demoJoint.partnerRegion && peerRegions.includes(demoJoint.leadRegion)) await seedPartner(db);
}
