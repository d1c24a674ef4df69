import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { getApplication } from "@/modules/applications/get-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { prefillCertificates } from "@/modules/applications/prefill";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { withdrawApplication } from "@/modules/applications/withdraw-application";
import { bundleSteps, bundles, certificateTypes, materials, services } from "@/modules/catalog/schema";
import type { Actor } from "@/modules/identity/model";
import { departments, entities } from "@/modules/identity/schema";
import { outbox } from "@/modules/notifications/schema";
import { uniqueSuffix } from "@/root/testing/database";
import { actorByLogin, createTestBundle, newEnterprise, reviewer, type TestStep, withDemo } from "@/root/testing/fixtures";
import { answerQuestion, askQuestion, countOpenQuestions, listDataLog, listPublicVerifications } from "./data-log";
import { expireCertificates } from "./expire-certificates";
import { publicKeys, readCertificates, verifyCertificate } from "./gate";
import { decideGrant, requestGrant } from "./grants";
import { getMyCertificate, listMyCertificates } from "./my-certificates";
import { issueCertificate } from "./registry";
import { revokeCertificate } from "./revoke-certificate";
import { accessQuestions, dataAccessLog, dataResources, grants } from "./schema";
import { certificates } from "./registry-schema";

const { h, clerk, dataOffice } = await withDemo({ clerk: "clerk", dataOffice: "dataoffice" });

// Monday 2 March 2026, 09:00 in China.
const monday = new Date("2026-03-02T01:00:00Z");
const today = "2026-03-02";

async function holderCodeOf(actor: Actor): Promise<string> {
  const [row] = await h.db
    .select({ creditCode: entities.creditCode })
    .from(entities)
    .where(eq(entities.id, actor.entityId ?? ""));
  if (!row) throw new Error("no entity");
  return row.creditCode;
}

/** A new enterprise holding a business licence issued by market supervision (the one its 法人注册 was checked against). */
async function licensedEnterprise() {
  const actor = await newEnterprise(h.db);
  const holderCode = await holderCodeOf(actor);
  const [licence] = await h.db
    .select({ id: certificates.id, number: certificates.number })
    .from(certificates)
    .where(and(eq(certificates.holderCode, holderCode), eq(certificates.typeCode, "businessLicence")));
  if (!licence) throw new Error("no licence");
  return { actor, holderCode, licence };
}

/** A test bundle whose every service also asks for the given certificate types. */
async function bundleAskingFor(steps: TestStep[], typeCodes: string[]) {
  const { code } = await createTestBundle(h.db, steps);
  const rows = await h.db
    .select({ serviceId: bundleSteps.serviceId, key: bundleSteps.key, serviceCode: services.code })
    .from(bundleSteps)
    .innerJoin(bundles, eq(bundles.id, bundleSteps.bundleId))
    .innerJoin(services, eq(services.id, bundleSteps.serviceId))
    .where(eq(bundles.code, code));
  for (const r of rows) {
    await h.db
      .insert(materials)
      .values(
        typeCodes.map((t, i) => ({
          serviceId: r.serviceId,
          key: t,
          nameZh: t,
          nameEn: t,
          legalBasis: "《测试条例》第四条",
          source: "certificate" as const,
          certificateType: t,
          required: true,
          sortOrder: 10 + i,
        })),
      );
  }
  const serviceCodes = Object.fromEntries(rows.map((r) => [r.key, r.serviceCode]));
  return { code, serviceCodes };
}

async function submit(actor: Actor, code: string, at = monday) {
  return submitApplication(
    h.db,
    actor,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "示例项目" },
      materials: {},
      consent: true,
    }),
    at,
  );
}

async function accept(id: string, at = monday) {
  const [app] = await h.db.select().from(applications).where(eq(applications.id, id));
  await acceptApplication(h.db, clerk, { applicationId: id, version: app?.version ?? 0 }, at);
}

/** The holder's log rows, but for the legal representative check of the fixture's 法人注册. */
async function logRows(holderCode: string) {
  return h.db
    .select()
    .from(dataAccessLog)
    .where(and(eq(dataAccessLog.holderCode, holderCode), ne(dataAccessLog.purpose, "legalRepresentativeCheck")))
    .orderBy(dataAccessLog.at);
}

const readFor = (actor: Actor, holderCode: string, applicationId: string, typeCodes = ["businessLicence"]) =>
  readCertificates(h.db, actor, { holderCode, typeCodes, purpose: { kind: "application", applicationId }, today });

async function grantUnconditional(resourceCode: string, consumer: string, serviceCodes: string[]) {
  return requestGrant(h.db, dataOffice, { resourceCode, consumerDepartmentCode: consumer, serviceCodes, purpose: "《测试条例》第五条：核对营业执照" }, monday);
}

describe("the gate: purpose and grant", () => {
  it("lets the provider, a granted department and the window read; refuses the rest with a reason; logs every attempt", async () => {
    const { actor, holderCode, licence } = await licensedEnterprise();
    const { code, serviceCodes } = await bundleAskingFor(
      [
        { key: "market", department: "market" },
        { key: "tax", department: "tax" },
        { key: "fire", department: "fire" },
      ],
      ["businessLicence"],
    );
    await grantUnconditional("certificate.businessLicence", "tax", [serviceCodes.tax!]);
    const app = await submit(actor, code);

    // Before acceptance the window reads for the departments it accepts for.
    const window = await readFor(clerk, holderCode, app.id);
    expect(window.certificates.map((c) => c.number)).toEqual([licence.number]);
    await accept(app.id);

    const market = await readFor(await reviewer(h.db, "market"), holderCode, app.id);
    const tax = await readFor(await reviewer(h.db, "tax"), holderCode, app.id);
    const fire = await readFor(await reviewer(h.db, "fire"), holderCode, app.id);
    const health = await readFor(await reviewer(h.db, "health"), holderCode, app.id);
    const office = await readFor(dataOffice, holderCode, app.id);
    const windowAfter = await readFor(clerk, holderCode, app.id);

    expect(market.certificates).toHaveLength(1);
    expect(tax.certificates).toHaveLength(1);
    expect(fire).toEqual({ certificates: [], refused: [{ typeCode: "businessLicence", reason: "sharing.refusal.noGrant" }] });
    expect(health).toEqual({ certificates: [], refused: [{ typeCode: "businessLicence", reason: "sharing.refusal.noPurpose" }] });
    expect(office.refused[0]?.reason).toBe("sharing.refusal.noPurpose");
    expect(windowAfter.refused[0]?.reason).toBe("sharing.refusal.noPurpose");

    const log = await logRows(holderCode);
    const staffRows = log.filter((l) => l.purpose === "acceptance" || l.purpose === "review");
    expect(staffRows.map((l) => [l.readerRole, l.outcome, l.refusalReason])).toEqual([
      ["windowClerk", "allowed", null],
      ["reviewer", "allowed", null],
      ["reviewer", "allowed", null],
      ["reviewer", "refused", "sharing.refusal.noGrant"],
      ["reviewer", "refused", "sharing.refusal.noPurpose"],
      ["dataOffice", "refused", "sharing.refusal.noPurpose"],
      ["windowClerk", "refused", "sharing.refusal.noPurpose"],
    ]);
    const [marketRow, taxRow] = staffRows.slice(1, 3);
    const [resource] = await h.db.select().from(dataResources).where(eq(dataResources.code, "certificate.businessLicence"));
    // The provider reads under the resource's own basis, a consumer under its grant's.
    expect(marketRow?.legalBasis).toBe(resource?.legalBasis);
    expect(taxRow?.legalBasis).toContain("《测试条例》第五条");
    expect(staffRows.every((l) => l.applicationId === app.id && l.certificateTypeCode === "businessLicence" && l.resourceId === resource?.id)).toBe(true);
    expect(staffRows.filter((l) => l.outcome === "allowed").every((l) => l.recordCount === 1)).toBe(true);
    expect(staffRows.filter((l) => l.outcome === "refused").every((l) => l.recordCount === 0)).toBe(true);
  });

  it("refuses reading another holder's data under an application, and any read once the case is closed", async () => {
    const a = await licensedEnterprise();
    const b = await licensedEnterprise();
    const { code } = await bundleAskingFor([{ key: "market", department: "market" }], ["businessLicence"]);
    const app = await submit(a.actor, code);
    await accept(app.id);
    const market = await reviewer(h.db, "market");

    const other = await readFor(market, b.holderCode, app.id);
    expect(other).toEqual({ certificates: [], refused: [{ typeCode: "businessLicence", reason: "sharing.refusal.otherHolder" }] });
    expect((await logRows(b.holderCode)).filter((l) => l.purpose === "review").map((l) => l.outcome)).toEqual(["refused"]);

    const [row] = await h.db.select().from(applications).where(eq(applications.id, app.id));
    await withdrawApplication(h.db, a.actor, { applicationId: app.id, version: row!.version }, monday);
    const closed = await readFor(market, a.holderCode, app.id);
    expect(closed.refused[0]?.reason).toBe("sharing.refusal.applicationClosed");
    expect(closed.certificates).toEqual([]);
  });

  it("lets holders read only their own, and refuses a resource that is not shared even with a task", async () => {
    const a = await licensedEnterprise();
    const b = await licensedEnterprise();
    const own = await readCertificates(h.db, a.actor, { holderCode: a.holderCode, all: true, purpose: { kind: "own", use: "ownRecord" }, today });
    expect(own.certificates.map((c) => c.number)).toEqual([a.licence.number]);
    const stolen = await readCertificates(h.db, a.actor, {
      holderCode: b.holderCode,
      typeCodes: ["businessLicence"],
      purpose: { kind: "own", use: "ownRecord" },
      today,
    });
    expect(stolen).toEqual({ certificates: [], refused: [{ typeCode: "businessLicence", reason: "sharing.refusal.notHolder" }] });
    const [refusal] = (await logRows(b.holderCode)).filter((l) => l.outcome === "refused");
    expect(refusal).toMatchObject({ readerUserId: a.actor.userId, purpose: "ownRecord", refusalReason: "sharing.refusal.notHolder" });

    // A certificate type whose resource is not shared: only its provider (health) may read it.
    const typeCode = `t-secret-${uniqueSuffix()}`;
    const [health] = await h.db.select().from(departments).where(eq(departments.code, "health"));
    await h.db
      .insert(certificateTypes)
      .values({ code: typeCode, nameZh: "测试不予共享证明", nameEn: "Test unshared record", issuerDepartmentId: health!.id, fields: [] });
    await h.db
      .insert(dataResources)
      .values({
        code: `resource.${typeCode}`,
        nameZh: "测试不予共享",
        nameEn: "Test not shared",
        providerDepartmentId: health!.id,
        fields: [],
        shareType: "notShared",
        openType: "notOpen",
        updateFrequency: "realtime",
        lastUpdatedAt: monday,
        legalBasis: "《测试条例》第六条",
        certificateTypeCode: typeCode,
      });
    await issueCertificate(h.db, { typeCode, holderCode: a.holderCode, holderName: "x", answers: {}, sourceApplicationId: null, issuedOn: "2025-01-01" });
    const { code } = await bundleAskingFor([{ key: "tax", department: "tax" }], [typeCode]);
    const app = await submit(a.actor, code);
    await accept(app.id);
    const tax = await readFor(await reviewer(h.db, "tax"), a.holderCode, app.id, [typeCode]);
    expect(tax.refused).toEqual([{ typeCode, reason: "sharing.refusal.notShared" }]);
    await expect(
      requestGrant(h.db, dataOffice, {
        resourceCode: `resource.${typeCode}`,
        consumerDepartmentCode: "tax",
        serviceCodes: ["newTaxpayerSetup"],
        purpose: "《测试条例》第七条",
      }),
    ).rejects.toMatchObject({ code: "invalidInput" });
  });
});

describe("every read path is logged", () => {
  it("pre-fill, submission, the case page for applicant and reviewer, the holder's certificates, public verification", async () => {
    const { actor, holderCode, licence } = await licensedEnterprise();
    const market = await reviewer(h.db, "market");
    const { code } = await bundleAskingFor([{ key: "market", department: "market" }], ["businessLicence"]);
    const count = async () => (await logRows(holderCode)).length;
    const purposes = async () => (await logRows(holderCode)).map((l) => l.purpose);

    const prefill = await prefillCertificates(h.db, actor, { kind: "bundle", code }, monday);
    expect(prefill.certificates[0]).toMatchObject({ status: "valid", number: licence.number });
    expect(await purposes()).toEqual(["prefill"]);

    const app = await submit(actor, code);
    expect(await purposes()).toEqual(["prefill", "submission"]);
    const before = await count();
    const view = await getApplication(h.db, actor, app.id, monday);
    expect(view.materials.find((m) => m.key === "businessLicence")?.certificate?.number).toBe(licence.number);
    expect(view.burdenSaved).toEqual([{ nameZh: "businessLicence", nameEn: "businessLicence", number: licence.number }]);
    expect(await count()).toBe(before + 1);

    await accept(app.id);
    const staffView = await getApplication(h.db, await reviewer(h.db, "market"), app.id, monday);
    expect(staffView.materials.find((m) => m.key === "businessLicence")?.certificate?.number).toBe(licence.number);
    const fireView = await getApplication(h.db, await reviewer(h.db, "fire"), app.id, monday).catch((e: Error) => e);
    expect(fireView).toBeInstanceOf(Error); // no task: the case itself is hidden

    // The log records reads, not page views: the same pages opened again read nothing new.
    await getApplication(h.db, actor, app.id, monday);
    await getApplication(h.db, await reviewer(h.db, "market"), app.id, monday);
    expect(await purposes()).toEqual(["prefill", "submission", "ownRecord", "review"]);

    await listMyCertificates(h.db, actor, monday);
    // The one certificate the list has just read, opened on its own: the same read.
    await getMyCertificate(h.db, actor, licence.id, monday);
    expect(await purposes()).toEqual(["prefill", "submission", "ownRecord", "review", "ownRecord"]);
    // Anonymous verifications are counted per certificate and day, not logged one row each.
    await verifyCertificate(h.db, licence.number, null, monday);
    await verifyCertificate(h.db, licence.number, null, monday);
    expect(await purposes()).toEqual(["prefill", "submission", "ownRecord", "review", "ownRecord"]);
    expect(await listPublicVerifications(h.db, actor)).toEqual([expect.objectContaining({ day: today, count: 2, dataNameZh: "营业执照" })]);
    // A signed-in reader's verification is a read of its own.
    await verifyCertificate(h.db, licence.number, market, monday);
    expect((await purposes()).at(-1)).toBe("publicVerification");
    const [reviewRow] = (await logRows(holderCode)).filter((l) => l.purpose === "review");
    expect(reviewRow).toMatchObject({ readerUserId: market.userId, readerDepartmentId: market.departmentId, applicationId: app.id, outcome: "allowed" });

    // Something new to read is a new read: the licence revoked, the reviewer's page read again.
    await h.db.update(certificates).set({ status: "revoked", revokedAt: monday, revocationReason: "test" }).where(eq(certificates.id, licence.id));
    await getApplication(h.db, await reviewer(h.db, "market"), app.id, monday);
    expect((await purposes()).filter((p) => p === "review")).toHaveLength(2);
  });

  it("shows a staff reader the refusal instead of the certificate", async () => {
    const { actor, holderCode } = await licensedEnterprise();
    const { code } = await bundleAskingFor([{ key: "fire", department: "fire" }], ["businessLicence"]);
    const app = await submit(actor, code);
    await accept(app.id);
    const view = await getApplication(h.db, await reviewer(h.db, "fire"), app.id, monday);
    const material = view.materials.find((m) => m.key === "businessLicence");
    expect(material).toMatchObject({ certificate: null, certificateRefused: "sharing.refusal.noGrant" });
    expect((await logRows(holderCode)).at(-1)).toMatchObject({ purpose: "review", outcome: "refused" });
  });
});

describe("a certificate another department's step needs", () => {
  it("is not read for a reviewer whose step does not need it: shown as such, not as a refusal, and nothing logged", async () => {
    const { actor, holderCode } = await licensedEnterprise();
    const { code, serviceCodes } = await bundleAskingFor(
      [
        { key: "market", department: "market" },
        { key: "tax", department: "tax" },
      ],
      ["businessLicence"],
    );
    // Only the market step asks for the licence.
    const [taxService] = await h.db.select({ id: services.id }).from(services).where(eq(services.code, serviceCodes.tax!));
    await h.db.delete(materials).where(eq(materials.serviceId, taxService!.id));
    const app = await submit(actor, code);
    await accept(app.id);
    const taxReviewer = await reviewer(h.db, "tax");
    const view = await getApplication(h.db, taxReviewer, app.id, monday);
    expect(view.materials.find((m) => m.key === "businessLicence")).toMatchObject({ certificate: null, certificateRefused: null, certificateNotForStep: true });
    expect((await logRows(holderCode)).filter((l) => l.readerUserId === taxReviewer.userId)).toEqual([]);
    const marketView = await getApplication(h.db, await reviewer(h.db, "market"), app.id, monday);
    expect(marketView.materials.find((m) => m.key === "businessLicence")).toMatchObject({ certificateNotForStep: false, certificateRefused: null });
  });
});

describe("signatures and verification", () => {
  it("verifies an issued certificate, fails a tampered one, and does not know an unknown number", async () => {
    const { licence, holderCode } = await licensedEnterprise();
    const ok = await verifyCertificate(h.db, licence.number, null, monday);
    expect(ok).toMatchObject({ status: "valid", holderCodeShown: holderCode, holderIsPerson: false, signature: { present: true, valid: true } });

    await h.db
      .update(certificates)
      .set({ fields: sql`jsonb_set(${certificates.fields}, '{name}', '"篡改后的名称有限公司"')` })
      .where(eq(certificates.id, licence.id));
    expect((await verifyCertificate(h.db, licence.number, null, monday))?.signature).toMatchObject({ present: true, valid: false });
    expect(await verifyCertificate(h.db, "99999999999999999", null, monday)).toBeNull();
  });

  it("masks a person's name and ID number on the public page", async () => {
    const citizen = await actorByLogin(h.db, "11010519491231002X");
    const [card] = (
      await readCertificates(h.db, citizen, {
        holderCode: "11010519491231002X",
        typeCodes: ["residentIdCard"],
        purpose: { kind: "own", use: "ownRecord" },
        today,
      })
    ).certificates;
    const view = await verifyCertificate(h.db, card!.number, null, monday);
    expect(view).toMatchObject({ holderIsPerson: true, holderName: "赵**", holderCodeShown: "110105********002X", signature: { valid: true } });
    expect(JSON.stringify(view)).not.toContain("11010519491231002X");
  });

  it("publishes public keys only", async () => {
    const keys = await publicKeys(h.db);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(keys)).not.toContain("PRIVATE KEY");
    expect(keys.every((k) => k.publicKey.includes("BEGIN PUBLIC KEY") && k.algorithm === "Ed25519")).toBe(true);
  });
});

async function outboxOf(applicationId: string, kind: string) {
  return h.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, kind)));
}

describe("the revocation watch", () => {
  it("tells the applicant and the reviewers of open applications relying on a revoked certificate", async () => {
    const { actor, holderCode, licence } = await licensedEnterprise();
    const { code } = await bundleAskingFor(
      [
        { key: "market", department: "market" },
        { key: "tax", department: "tax" },
      ],
      ["businessLicence"],
    );
    const app = await submit(actor, code);
    await accept(app.id);

    // A reviewer of another department may not revoke it, and learns nothing about it.
    await expect(revokeCertificate(h.db, await reviewer(h.db, "tax"), { number: licence.number, reason: "测试撤销理由" }, monday)).rejects.toMatchObject({
      code: "notFound",
    });
    const done = await revokeCertificate(h.db, await reviewer(h.db, "market"), { number: licence.number, reason: "以欺骗手段取得登记" }, monday);
    expect(done.applicationsTold).toBe(1);

    const [notice] = await outboxOf(app.id, "certificateRevoked");
    const reviewerIds = await Promise.all(["market", "tax"].map(async (d) => (await reviewer(h.db, d)).userId));
    expect(notice?.recipientUserIds).toEqual(expect.arrayContaining([actor.userId, ...reviewerIds]));
    expect(notice?.params).toMatchObject({ number: licence.number, reason: "以欺骗手段取得登记" });

    await expect(revokeCertificate(h.db, dataOffice, { number: licence.number, reason: "再次撤销" }, monday)).rejects.toMatchObject({ code: "conflict" });
    const view = await verifyCertificate(h.db, licence.number, null, monday);
    expect(view).toMatchObject({ status: "revoked", revocationReason: "以欺骗手段取得登记", signature: { valid: true } });
    const [own] = (await readCertificates(h.db, actor, { holderCode, typeCodes: ["businessLicence"], purpose: { kind: "own", use: "prefill" }, today }))
      .certificates;
    expect(own?.status).toBe("revoked");
  });

  it("marks lapsed certificates expired once and tells the open applications using them", async () => {
    const { actor, holderCode } = await licensedEnterprise();
    const food = await issueCertificate(h.db, {
      typeCode: "foodBusinessLicence",
      holderCode,
      holderName: actor.displayName,
      answers: {},
      sourceApplicationId: null,
      issuedOn: "2021-02-01",
    });
    const { code } = await bundleAskingFor([{ key: "market", department: "market" }], ["foodBusinessLicence"]);
    // The licence is valid until 2026-02-01: still valid on 31 January.
    const app = await submit(actor, code, new Date("2026-01-30T02:00:00Z"));
    await accept(app.id, new Date("2026-01-30T02:00:00Z"));

    const expired = await expireCertificates(h.db, monday);
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(await expireCertificates(h.db, monday)).toBe(0);
    const [row] = await h.db.select({ status: certificates.status }).from(certificates).where(eq(certificates.id, food.id));
    expect(row?.status).toBe("expired");
    const notices = await outboxOf(app.id, "certificateExpired");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.recipientUserIds).toContain(actor.userId);
  });
});

describe("grants", () => {
  it("waits for the provider on a conditional resource; only the provider decides; revoking closes the gate again", async () => {
    const { actor, holderCode } = await licensedEnterprise();
    // A conditional resource of the market department, new to this test.
    const typeCode = `t-cond-${uniqueSuffix()}`;
    const [market] = await h.db.select().from(departments).where(eq(departments.code, "market"));
    await h.db
      .insert(certificateTypes)
      .values({ code: typeCode, nameZh: "测试有条件共享证明", nameEn: "Test conditional record", issuerDepartmentId: market!.id, fields: [] });
    await h.db
      .insert(dataResources)
      .values({
        code: `resource.${typeCode}`,
        nameZh: "测试有条件共享",
        nameEn: "Test conditional",
        providerDepartmentId: market!.id,
        fields: [],
        shareType: "conditional",
        openType: "notOpen",
        updateFrequency: "daily",
        lastUpdatedAt: monday,
        legalBasis: "《测试条例》第八条",
        certificateTypeCode: typeCode,
      });
    await issueCertificate(h.db, { typeCode, holderCode, holderName: "x", answers: {}, sourceApplicationId: null, issuedOn: "2025-01-01" });
    const { code, serviceCodes } = await bundleAskingFor([{ key: "tax", department: "tax" }], [typeCode]);
    const app = await submit(actor, code);
    await accept(app.id);
    const taxReviewer = await reviewer(h.db, "tax");

    const asked = await requestGrant(h.db, dataOffice, {
      resourceCode: `resource.${typeCode}`,
      consumerDepartmentCode: "tax",
      serviceCodes: [serviceCodes.tax!],
      purpose: "《测试条例》第九条：核验",
    });
    expect(asked.status).toBe("requested");
    expect((await readFor(taxReviewer, holderCode, app.id, [typeCode])).refused[0]?.reason).toBe("sharing.refusal.noGrant");

    await expect(decideGrant(h.db, taxReviewer, { grantId: asked.id, version: asked.version, decision: "approve" })).rejects.toMatchObject({
      code: "notFound",
    });
    await expect(decideGrant(h.db, dataOffice, { grantId: asked.id, version: asked.version, decision: "approve" })).rejects.toMatchObject({
      code: "forbidden",
    });
    const marketReviewer = await reviewer(h.db, "market");
    await expect(decideGrant(h.db, marketReviewer, { grantId: asked.id, version: asked.version + 5, decision: "approve" })).rejects.toMatchObject({
      code: "conflict",
    });
    const approved = await decideGrant(h.db, marketReviewer, { grantId: asked.id, version: asked.version, decision: "approve" });
    expect(approved.status).toBe("approved");
    expect((await readFor(taxReviewer, holderCode, app.id, [typeCode])).certificates).toHaveLength(1);

    // A conditional grant in force is not reopened by a new request; revoking needs a reason and closes the gate.
    await expect(
      requestGrant(h.db, dataOffice, {
        resourceCode: `resource.${typeCode}`,
        consumerDepartmentCode: "tax",
        serviceCodes: [serviceCodes.tax!],
        purpose: "《测试条例》第九条",
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(decideGrant(h.db, dataOffice, { grantId: asked.id, version: approved.version, decision: "revoke" })).rejects.toMatchObject({
      code: "invalidInput",
    });
    await decideGrant(h.db, dataOffice, { grantId: asked.id, version: approved.version, decision: "revoke", reason: "用途已结束" });
    expect((await readFor(taxReviewer, holderCode, app.id, [typeCode])).refused[0]?.reason).toBe("sharing.refusal.noGrant");
    const [row] = await h.db.select().from(grants).where(eq(grants.id, asked.id));
    expect(row?.status).toBe("revoked");
  });

  it("refuses a grant for a service the consumer does not provide, and a grant to the provider itself", async () => {
    await expect(grantUnconditional("certificate.businessLicence", "tax", ["foodBusinessLicensing"])).rejects.toMatchObject({ code: "invalidInput" });
    await expect(grantUnconditional("certificate.businessLicence", "market", ["foodBusinessLicensing"])).rejects.toMatchObject({ code: "invalidInput" });
  });
});

describe("the holder's data log", () => {
  it("shows staff reads with department and case, hides own reads unless asked, and carries one question per read to an answer", async () => {
    const { actor } = await licensedEnterprise();
    const other = await licensedEnterprise();
    const { code } = await bundleAskingFor([{ key: "market", department: "market" }], ["businessLicence"]);
    const app = await submit(actor, code);
    await accept(app.id);
    await getApplication(h.db, await reviewer(h.db, "market"), app.id, monday);

    const log = await listDataLog(h.db, actor, { page: 1, includeOwn: false });
    // The review's read, and before it the check of the licence when the enterprise registered (always shown: anyone may attempt it).
    expect(log.entries.map((e) => e.purpose)).toEqual(["review", "legalRepresentativeCheck"]);
    const [entry] = log.entries;
    expect(entry).toMatchObject({
      purpose: "review",
      outcome: "allowed",
      readerName: expect.stringContaining("审查员"),
      departmentNameZh: "河北省市场监督管理局",
      dataNameZh: "营业执照",
    });
    expect(entry?.application?.trackingNumber).toMatch(/^\d{20}$/);
    expect((await listDataLog(h.db, actor, { page: 1, includeOwn: true })).total).toBeGreaterThan(1);
    expect((await listDataLog(h.db, other.actor, { page: 1, includeOwn: false })).entries.map((e) => e.purpose)).toEqual(["legalRepresentativeCheck"]);

    await expect(askQuestion(h.db, other.actor, { logId: entry!.id, question: "为什么读取我的数据？" })).rejects.toMatchObject({ code: "notFound" });
    const openBefore = await countOpenQuestions(h.db);
    const q = await askQuestion(h.db, actor, { logId: entry!.id, question: "为什么读取我的营业执照？" });
    await expect(askQuestion(h.db, actor, { logId: entry!.id, question: "再问一次可以吗？" })).rejects.toMatchObject({ code: "conflict" });

    expect(await countOpenQuestions(h.db)).toBe(openBefore + 1);
    await answerQuestion(h.db, dataOffice, { questionId: q.id, answer: "市场监管局审查您的申请时依法核验营业执照。" }, monday);
    expect(await countOpenQuestions(h.db)).toBe(openBefore);
    await expect(answerQuestion(h.db, dataOffice, { questionId: q.id, answer: "第二次答复" })).rejects.toMatchObject({ code: "conflict" });
    const after = await listDataLog(h.db, actor, { page: 1, includeOwn: false });
    expect(after.entries[0]?.question).toMatchObject({ text: "为什么读取我的营业执照？", answer: "市场监管局审查您的申请时依法核验营业执照。" });
    const told = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, "accessQuestionAnswered"), sql`${outbox.recipientUserIds} @> array[${actor.userId}]::uuid[]`));
    expect(told).toHaveLength(1);
    const [stored] = await h.db.select().from(accessQuestions).where(eq(accessQuestions.id, q.id));
    expect(stored?.answeredBy).toBe(dataOffice.userId);
  });
});

describe("the seeded sharing catalog", () => {
  it("catalogs every certificate type and grants the departments whose services ask for another's certificate", async () => {
    const types = await h.db
      .select({ code: certificateTypes.code })
      .from(certificateTypes)
      .where(sql`${certificateTypes.code} not like 't-%'`);
    const resources = await h.db
      .select()
      .from(dataResources)
      .where(
        inArray(
          dataResources.certificateTypeCode,
          types.map((t) => t.code),
        ),
      );
    expect(resources).toHaveLength(types.length);
    const [fire] = await h.db.select().from(departments).where(eq(departments.code, "fire"));
    const [licence] = resources.filter((r) => r.certificateTypeCode === "businessLicence");
    const [fireGrant] = await h.db
      .select()
      .from(grants)
      .where(and(eq(grants.resourceId, licence!.id), eq(grants.consumerDepartmentId, fire!.id)));
    expect(fireGrant).toMatchObject({ status: "approved", serviceCodes: expect.arrayContaining(["fireSafetyInspection"]) });
  });
});
