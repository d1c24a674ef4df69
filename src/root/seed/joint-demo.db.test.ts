import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { taskTimeline } from "@/modules/applications/get-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications, jointParts } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { bundles, bundleSteps, services } from "@/modules/catalog/schema";
import { dataResources, foreignGrants } from "@/modules/sharing/schema";
import { ownDatabase } from "@/root/testing/database";
import { actorByLogin, newEnterprise } from "@/root/testing/fixtures";
import type { DatabaseHandle } from "@/server/db/client";
import { seedDemoProvince } from "./demo";
import { demoJoint, seedJointDemo } from "./joint-demo";
import { seedRegionDemo } from "./region-demo";

// Each node's side of the demo joint bundle, on databases of their own (the worker's shared one
// holds Hebei's demo without it).
const opened: DatabaseHandle[] = [];
afterAll(async () => {
  for (const h of opened) await h.close();
});

describe("the demo joint bundle on the Hebei node", () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await ownDatabase("migrated");
    opened.push(h);
    await seedDemoProvince(h.db);
  }, 240_000);

  const bundleRows = () => h.db.select().from(bundles).where(eq(bundles.code, demoJoint.bundleCode));

  it("is seeded only when Beijing is a peer, once, and applied for by an enterprise with a remote step waiting to be sent", async () => {
    await seedJointDemo(h.db, "hebei", ["tianjin"]);
    expect(await bundleRows()).toHaveLength(0);
    await seedJointDemo(h.db, "hebei", ["beijing"]);
    await seedJointDemo(h.db, "hebei", ["beijing", "tianjin"]);
    const [bundle, ...more] = await bundleRows();
    expect(more).toHaveLength(0);
    expect(bundle?.published).toBe(true);
    const steps = await h.db.select().from(bundleSteps).where(eq(bundleSteps.bundleId, bundle!.id));
    expect(steps.map((s) => [s.key, s.partnerRegion, s.partnerServiceCode]).sort()).toEqual([
      ["beijingFiling", "beijing", demoJoint.partnerServiceCode],
      ["taxReport", null, null],
    ]);

    const applicant = await newEnterprise(h.db);
    const input = ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code: demoJoint.bundleCode },
      idempotencyKey: randomUUID(),
      formData: { operatingAddress: "北京市朝阳区示例路 1 号" },
      materials: {},
      consent: true,
    });
    const { id } = await submitApplication(h.db, applicant, input);
    const [app] = await h.db.select().from(applications).where(eq(applications.id, id));
    await acceptApplication(h.db, await actorByLogin(h.db, "clerk"), { applicationId: id, version: app!.version });
    const parts = await h.db.select().from(jointParts).where(eq(jointParts.applicationId, id));
    expect(parts).toMatchObject([{ side: "lead", peerRegion: "beijing", stepKey: "beijingFiling", status: "waitingToSend" }]);
    const [accepted] = await h.db.select().from(applications).where(eq(applications.id, id));
    const timeline = await taskTimeline(h.db, accepted!, new Date(), true);
    const byStep = Object.fromEntries(timeline.map((t) => [t.stepKey, t]));
    expect(byStep.beijingFiling?.remote).toMatchObject({ region: "beijing", regionNameZh: "北京市", status: "waitingToSend", reference: null });
    expect(byStep.taxReport?.remote).toBeNull();
  });

  it("is withdrawn from the catalog when Beijing is no longer a peer", async () => {
    await seedJointDemo(h.db, "hebei", []);
    expect((await bundleRows())[0]?.published).toBe(false);
    const filing = await h.db.select({ published: services.published }).from(services).where(eq(services.code, "beijingOperationFiling"));
    expect(filing).toEqual([{ published: false }]);
    await seedJointDemo(h.db, "hebei", ["beijing"]);
    expect((await bundleRows())[0]?.published).toBe(true);
  });
});

describe("the demo joint bundle on the Beijing node", () => {
  it("publishes the deciding service and grants Hebei's market regulation the bundle, once", async () => {
    const h = await ownDatabase("migrated");
    opened.push(h);
    await seedRegionDemo(h.db, "beijing");
    await seedJointDemo(h.db, "beijing", ["tianjin"]);
    expect(await h.db.select().from(services).where(eq(services.code, demoJoint.partnerServiceCode))).toHaveLength(0);
    await seedJointDemo(h.db, "beijing", ["hebei"]);
    await seedJointDemo(h.db, "beijing", ["hebei", "tianjin"]);
    const svc = await h.db.select().from(services).where(eq(services.code, demoJoint.partnerServiceCode));
    expect(svc).toMatchObject([{ published: true }]);
    const grants = await h.db
      .select({ serviceCodes: foreignGrants.serviceCodes, status: foreignGrants.status })
      .from(foreignGrants)
      .innerJoin(dataResources, eq(dataResources.id, foreignGrants.resourceId))
      .where(and(eq(foreignGrants.consumerRegion, "hebei"), eq(foreignGrants.consumerDepartmentCode, "market")));
    expect(grants.filter((g) => g.serviceCodes.includes(demoJoint.bundleCode))).toEqual([{ serviceCodes: [demoJoint.bundleCode], status: "approved" }]);
  }, 240_000);
});
