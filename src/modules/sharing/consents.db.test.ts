import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { getApplication } from "@/modules/applications/get-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { bundles, bundleSteps, materials } from "@/modules/catalog/schema";
import type { Actor } from "@/modules/identity/model";
import { entities } from "@/modules/identity/schema";
import { createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { readCertificates } from "./gate";
import { listMyConsents } from "./list-consents";
import { certificates } from "./registry-schema";
import { dataAccessLog, dataConsents } from "./schema";
import { withdrawConsent } from "./withdraw-consent";

// Consent per certificate and purpose (政务数据共享条例 2025, issue 14 item 7): recorded for each
// certificate an application reads, withdrawable where the read rests on consent, and checked by
// the gate on every staff read for the case, not only at submission.

const { h, clerk } = await withDemo({ clerk: "clerk" });
const monday = new Date("2026-03-02T01:00:00Z");
const today = "2026-03-02";

async function holderCodeOf(actor: Actor) {
  const [row] = await h.db
    .select({ creditCode: entities.creditCode })
    .from(entities)
    .where(eq(entities.id, actor.entityId ?? ""));
  return row!.creditCode;
}

/** A market-reviewed bundle that reads the business licence in place of an upload; `requires`: the bundle also requires holding it. */
async function caseReadingTheLicence(requires = false) {
  const actor = await newEnterprise(h.db);
  const holderCode = await holderCodeOf(actor);
  const { code } = await createTestBundle(h.db, [{ key: "market", department: "market" }]);
  const [step] = await h.db
    .select({ serviceId: bundleSteps.serviceId, bundleId: bundles.id })
    .from(bundleSteps)
    .innerJoin(bundles, eq(bundles.id, bundleSteps.bundleId))
    .where(eq(bundles.code, code));
  await h.db
    .insert(materials)
    .values({
      serviceId: step!.serviceId,
      key: "businessLicence",
      nameZh: "营业执照",
      nameEn: "Business licence",
      legalBasis: "《测试条例》第四条",
      source: "certificate",
      certificateType: "businessLicence",
      required: true,
      sortOrder: 10,
    });
  if (requires) await h.db.update(bundles).set({ requiresCertificateType: "businessLicence" }).where(eq(bundles.id, step!.bundleId));
  const app = await submitApplication(
    h.db,
    actor,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "示例项目" },
      materials: {},
      consent: true,
    }),
    monday,
  );
  const [row] = await h.db.select().from(applications).where(eq(applications.id, app.id));
  await acceptApplication(h.db, clerk, { applicationId: app.id, version: row!.version }, monday);
  return { actor, holderCode, applicationId: app.id };
}

const consentsOf = (applicationId: string) => h.db.select().from(dataConsents).where(eq(dataConsents.applicationId, applicationId));

describe("consent per certificate and purpose", () => {
  it("is recorded at submission for each certificate read, for that application, on consent", async () => {
    const { actor, holderCode, applicationId } = await caseReadingTheLicence();
    const [licence] = await h.db
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.holderCode, holderCode), eq(certificates.typeCode, "businessLicence"), eq(certificates.status, "valid")));
    expect(await consentsOf(applicationId)).toEqual([
      expect.objectContaining({
        holderCode,
        certificateTypeCode: "businessLicence",
        certificateId: licence!.id,
        basis: "consent",
        givenAt: monday,
        givenBy: actor.userId,
        withdrawnAt: null,
      }),
    ]);
    const listed = await listMyConsents(h.db, actor);
    expect(listed[0]).toMatchObject({ typeCode: "businessLicence", typeNameZh: "营业执照", basis: "consent", withdrawable: true, withdrawnAt: null });
    expect(listed[0]!.application?.trackingNumber).toBeTruthy();
  });

  it("once withdrawn, the gate refuses the reviewer's read with consentWithdrawn, logs the refusal, and the case shows it", async () => {
    const { actor, holderCode, applicationId } = await caseReadingTheLicence();
    const market = await reviewer(h.db, "market");
    const before = await readCertificates(h.db, market, { holderCode, typeCodes: ["businessLicence"], purpose: { kind: "application", applicationId }, today });
    expect(before.certificates).toHaveLength(1);

    const [consent] = await consentsOf(applicationId);
    const later = new Date("2026-03-03T02:00:00Z");
    await withdrawConsent(h.db, actor, { consentId: consent!.id }, later);
    expect((await consentsOf(applicationId))[0]).toMatchObject({ withdrawnAt: later, withdrawnBy: actor.userId });
    const [audit] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, consent!.id), eq(auditEvents.action, "dataConsent.withdraw")));
    expect(audit).toBeDefined();

    const after = await readCertificates(h.db, market, { holderCode, typeCodes: ["businessLicence"], purpose: { kind: "application", applicationId }, today });
    expect(after).toEqual({ certificates: [], refused: [{ typeCode: "businessLicence", reason: "sharing.refusal.consentWithdrawn" }] });
    const refusedRows = await h.db
      .select()
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.holderCode, holderCode), eq(dataAccessLog.outcome, "refused"), eq(dataAccessLog.applicationId, applicationId)));
    expect(refusedRows).toEqual([
      expect.objectContaining({ purpose: "review", readerUserId: market.userId, refusalReason: "sharing.refusal.consentWithdrawn", recordCount: 0 }),
    ]);
    const view = await getApplication(h.db, market, applicationId, later);
    expect(view.materials.find((m) => m.key === "businessLicence")).toMatchObject({
      certificate: null,
      certificateRefused: "sharing.refusal.consentWithdrawn",
    });
    // The holder's own reads are not the departments': still allowed.
    const own = await readCertificates(h.db, actor, { holderCode, typeCodes: ["businessLicence"], purpose: { kind: "own", use: "ownRecord" }, today });
    expect(own.certificates).toHaveLength(1);

    // Once only.
    await expect(withdrawConsent(h.db, actor, { consentId: consent!.id }, later)).rejects.toMatchObject({
      code: "conflict",
      message: "sharing.consents.errors.alreadyWithdrawn",
    });
    expect((await listMyConsents(h.db, actor))[0]).toMatchObject({ withdrawable: false });
  });

  it("a read that rests on law cannot be withdrawn: a clear error, nothing changed, the gate still reads", async () => {
    const { actor, holderCode, applicationId } = await caseReadingTheLicence(true);
    const [consent] = await consentsOf(applicationId);
    expect(consent).toMatchObject({ basis: "law" });
    await expect(withdrawConsent(h.db, actor, { consentId: consent!.id })).rejects.toMatchObject({
      code: "invalidInput",
      message: "sharing.consents.errors.restsOnLaw",
      field: "consentId",
    });
    expect((await consentsOf(applicationId))[0]).toMatchObject({ withdrawnAt: null });
    const read = await readCertificates(h.db, await reviewer(h.db, "market"), {
      holderCode,
      typeCodes: ["businessLicence"],
      purpose: { kind: "application", applicationId },
      today,
    });
    expect(read.certificates).toHaveLength(1);
    expect((await listMyConsents(h.db, actor))[0]).toMatchObject({ basis: "law", withdrawable: false });
  });

  it("someone else's consent is not found and stays as it was", async () => {
    const { applicationId } = await caseReadingTheLicence();
    const stranger = await newEnterprise(h.db);
    const [consent] = await consentsOf(applicationId);
    await expect(withdrawConsent(h.db, stranger, { consentId: consent!.id })).rejects.toMatchObject({ code: "notFound" });
    await expect(withdrawConsent(h.db, clerk, { consentId: consent!.id })).rejects.toMatchObject({ code: "forbidden" });
    expect((await consentsOf(applicationId))[0]).toMatchObject({ withdrawnAt: null });
    expect(await listMyConsents(h.db, stranger)).toEqual([]);
  });
});
