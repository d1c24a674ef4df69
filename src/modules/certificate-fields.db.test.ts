import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestBundle, newCitizen, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { uniqueSuffix } from "@/root/testing/database";
import { acceptApplication } from "./applications/accept-application";
import { ZSubmitApplicationInput } from "./applications/inputs";
import { applications } from "./applications/schema";
import { submitApplication } from "./applications/submit-application";
import { bundleSteps, bundles, certificateTypes, materials, services } from "./catalog/schema";
import type { Actor } from "./identity/model";
import { lifecycleBundles } from "./registration/model";
import { claimTask } from "./review/claim-task";
import { decideTask } from "./review/decide-task";
import { reviewTasks } from "./review/schema";
import { readCertificates, verifyCertificate } from "./sharing/gate";
import { getMyCertificate } from "./sharing/my-certificates";
import { certificates } from "./sharing/registry-schema";

// Each demo certificate type, issued through the real path (submit, accept, claim, approve: the
// fan-in issues the service's certificate from the application's answers), carries exactly the
// fields its type declares, signed, and shows them labelled and formatted.

const { h, clerk } = await withDemo({ clerk: "clerk" });

const monday = new Date("2026-03-02T01:00:00Z");
const later = (minutes: number) => new Date(monday.getTime() + minutes * 60_000);

/** A valid answer for a form field of each type. */
function answerFor(m: { key: string; fieldType: string | null; options: Array<{ value: string }> | null }): string {
  switch (m.fieldType) {
    case "number":
      return m.key === "housingFundRate" ? "12" : "30";
    case "date":
      return "2026-02-10";
    case "select":
      return m.options?.[m.options.length - 1]?.value ?? "";
    default:
      return `示例${m.key}`;
  }
}

/**
 * A one-step bundle of a copy of the demo service (its form fields only, no uploads) issuing the
 * demo certificate type, submitted with an answer to every form field and approved.
 */
async function issueThroughApproval(serviceCode: string) {
  const [demo] = await h.db.select().from(services).where(eq(services.code, serviceCode));
  if (!demo) throw new Error(`no demo service ${serviceCode}`);
  const formFields = await h.db
    .select()
    .from(materials)
    .where(and(eq(materials.serviceId, demo.id), eq(materials.source, "formField")));
  const suffix = uniqueSuffix();
  const serviceId = randomUUID();
  await h.db
    .insert(services)
    .values({ ...demo, id: serviceId, code: `t-${serviceCode}-${suffix}`.toLowerCase(), registersEntity: false, autoAcceptance: false });
  await h.db.insert(materials).values(formFields.map(({ id: _id, ...m }) => ({ ...m, serviceId, required: true })));
  const bundleId = randomUUID();
  const code = `t-bundle-${suffix}`.toLowerCase();
  await h.db
    .insert(bundles)
    .values({
      id: bundleId,
      code,
      nameZh: `测试 ${suffix}`,
      nameEn: `Test ${suffix}`,
      descriptionZh: "测试",
      descriptionEn: "Test",
      leadDepartmentId: demo.departmentId,
      applicantKinds: demo.applicantKinds,
    });
  await h.db.insert(bundleSteps).values({ bundleId, key: "only", serviceId, needs: [] });

  const applicant: Actor = demo.applicantKinds.includes("enterprise") ? await newEnterprise(h.db) : await newCitizen(h.db, "冯示例");
  const formData = Object.fromEntries(formFields.map((m) => [m.key, answerFor(m)]));
  const submitted = await submitApplication(
    h.db,
    applicant,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      // 办理情形: the first answer of each question, in which every form field applies.
      situations: Object.fromEntries(demo.situations.map((q) => [q.key, q.options[0]?.value ?? ""])),
      formData,
      materials: {},
      consent: true,
    }),
    monday,
  );
  const [app] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
  await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: app?.version ?? 0 }, later(5));
  const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, submitted.id));
  // The body the task was routed to (a service with a competence rule goes to a city or county body).
  const deciding = await reviewerOf(task?.departmentId ?? demo.departmentId);
  const claimed = await claimTask(h.db, deciding, { taskId: task?.id ?? "", version: task?.version ?? 0 }, later(10));
  await decideTask(h.db, deciding, { taskId: task?.id ?? "", version: claimed.version, outcome: "approved" } as never, later(20));
  const [cert] = await h.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.sourceApplicationId, submitted.id), eq(certificates.typeCode, demo.issuesCertificateType ?? "")));
  if (!cert) throw new Error(`no certificate issued for ${serviceCode}`);
  return { cert, applicant, formData, applicationId: submitted.id };
}

const departmentLogins = new Map<string, string>();
async function reviewerOf(departmentId: string): Promise<Actor> {
  if (departmentLogins.size === 0) {
    const rows = await h.db.query.departments.findMany();
    for (const d of rows) departmentLogins.set(d.id, d.code);
  }
  return reviewer(h.db, departmentLogins.get(departmentId) ?? "");
}

const issuing = await h.db
  .select({ service: services.code, type: services.issuesCertificateType })
  .from(services)
  .where(and(eq(services.registersEntity, false), eq(services.published, true)));
// A change registration's departments re-issue the holder's record from the one it supersedes,
// with the changed particulars (registration/lifecycle.db.test.ts): they have no form of their own.
const reissuing = new Set(
  (
    await h.db
      .select({ service: services.code })
      .from(bundleSteps)
      .innerJoin(bundles, eq(bundles.id, bundleSteps.bundleId))
      .innerJoin(services, eq(services.id, bundleSteps.serviceId))
      .where(eq(bundles.code, lifecycleBundles.change))
  ).map((r) => r.service),
);
const demoServices = issuing.filter((s) => s.type && !s.service.startsWith("t-") && !reissuing.has(s.service));

describe("a certificate carries exactly the fields its type declares", () => {
  it("covers every demo certificate type an approval issues", () => {
    expect(demoServices.map((s) => s.type).sort()).toEqual(
      [
        "birthMedicalCertificate",
        "completionAcceptanceRecord",
        "constructionPermit",
        "drainagePermit",
        "engineeringPlanningPermit",
        "environmentalImpactApproval",
        "fireSafetyInspection",
        "foodBusinessLicence",
        "householdRegistration",
        "housingFundAccount",
        "landUsePlanningPermit",
        "medicalInsuranceEnrolment",
        "outdoorSignboardPermit",
        "sealRecord",
        "socialInsuranceRegistration",
        "socialSecurityCard",
        "taxRegistration",
      ].sort(),
    );
  });

  it.each(demoServices.map((s) => [s.service, s.type ?? ""]))("%s issues %s with its declared fields only, signed", async (service, typeCode) => {
    const { cert, applicant, formData } = await issueThroughApproval(service);
    const [type] = await h.db.select().from(certificateTypes).where(eq(certificateTypes.code, typeCode));
    const declared = (type?.fields ?? []).map((f) => f.key);
    expect(declared.length).toBeGreaterThan(0);
    expect(Object.keys(cert.fields).sort()).toEqual([...declared].sort());
    // Nothing of the form that the type does not declare: no other answer, no code key.
    for (const key of Object.keys(formData)) if (!declared.includes(key)) expect(cert.fields).not.toHaveProperty(key);
    expect(cert.declaredFieldsOnly).toBe(true);

    const verified = await verifyCertificate(h.db, cert.number, null, later(30));
    expect(verified?.signature).toMatchObject({ present: true, valid: true });

    const mine = await getMyCertificate(h.db, applicant, cert.id, later(30));
    expect(mine.shown.map((f) => f.key)).toEqual((type?.fields ?? []).filter((f) => f.printed !== false).map((f) => f.key));
    for (const f of mine.shown) {
      expect(f.nameZh).not.toBe(f.key);
      expect(f.valueZh).not.toMatch(/^(company|companyFinance|full|generalVat|specialVat|both|female|male)$/);
    }
  });

  it("stores codes and numbers, and shows labels, units and dates in the reader's language", async () => {
    const housing = await issueThroughApproval("employerHousingFund");
    expect(housing.cert.fields.housingFundRate).toBe("12");
    const shownHousing = (await getMyCertificate(h.db, housing.applicant, housing.cert.id, later(30))).shown;
    expect(shownHousing.find((f) => f.key === "housingFundRate")).toMatchObject({ nameZh: "缴存比例", valueZh: "12%", valueEn: "12%" });
    expect(housing.cert.fields).not.toHaveProperty("employeeCount");
    expect(housing.cert.fields).not.toHaveProperty("bankAccount");

    const seal = await issueThroughApproval("sealEngraving");
    expect(seal.cert.fields.sealTypes).toBe("full");
    const shownSeal = (await getMyCertificate(h.db, seal.applicant, seal.cert.id, later(30))).shown;
    expect(shownSeal.find((f) => f.key === "sealTypes")).toMatchObject({ valueZh: "公章、财务专用章、发票专用章、合同专用章" });

    const drainage = await issueThroughApproval("drainagePermit");
    expect(drainage.cert.fields).not.toHaveProperty("diningArea");
    expect(drainage.cert.fields).not.toHaveProperty("signboardText");
    const completion = await issueThroughApproval("completionAcceptanceRecord");
    const date = (await getMyCertificate(h.db, completion.applicant, completion.cert.id, later(30))).shown.find((f) => f.key === "completionDate");
    expect(date).toMatchObject({ valueZh: "2026年2月10日", valueEn: "10 Feb 2026" });
  });

  it("lets another department read only the shared fields through the gate; the holder reads all", async () => {
    // A licence names its legal representative's ID number (signed, not shared, not printed).
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const applicant = await newEnterprise(h.db);
    const submitted = await submitApplication(
      h.db,
      applicant,
      ZSubmitApplicationInput.parse({
        subject: { kind: "bundle", code },
        idempotencyKey: randomUUID(),
        formData: { projectName: "示例" },
        materials: {},
        consent: true,
      }),
      monday,
    );
    const [app] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
    await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: app?.version ?? 0 }, later(5));
    const holderCode = app?.holderCode ?? "";
    const query = { holderCode, typeCodes: ["businessLicence"], today: "2026-03-02" } as const;
    const staff = await readCertificates(h.db, await reviewer(h.db, "market"), { ...query, purpose: { kind: "application", applicationId: submitted.id } });
    expect(staff.certificates).toHaveLength(1);
    expect(staff.certificates[0]?.fields).toHaveProperty("creditCode", holderCode);
    expect(staff.certificates[0]?.fields).not.toHaveProperty("legalRepresentativeIdNumber");
    const own = await readCertificates(h.db, applicant, { ...query, purpose: { kind: "own", use: "ownRecord" } });
    expect(own.certificates[0]?.fields).toHaveProperty("legalRepresentativeIdNumber");
    // Not printed: the holder's page does not show it either.
    const mine = await getMyCertificate(h.db, applicant, own.certificates[0]?.id ?? "", later(30));
    expect(mine.shown.map((f) => f.key)).not.toContain("legalRepresentativeIdNumber");
  });
});
