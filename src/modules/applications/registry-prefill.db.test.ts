import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/modules/audit/schema";
import type { Actor } from "@/modules/identity/model";
import { entities } from "@/modules/identity/schema";
import { certificates } from "@/modules/sharing/registry-schema";
import { issueOrSupersede } from "@/modules/sharing/registry";
import { newEnterprise, withDemo } from "@/root/testing/fixtures";
import { ZSubmitApplicationInput } from "./inputs";
import { registryFilledFields } from "./model";
import { prefillCertificates } from "./prefill";
import { applications } from "./schema";
import { submitApplication } from "./submit-application";

// Registry data fills the form: the food licence no longer asks for the address the business
// licence already states; it is shown read from the registry and taken from it on submission.

const { h } = await withDemo();
const monday = new Date("2026-03-02T01:00:00Z");
const address = "河北省保定市竞秀区示例路 1 号";
const food = { kind: "service" as const, code: "foodBusinessLicensing" };

async function holderCodeOf(actor: Actor) {
  const [row] = await h.db
    .select({ creditCode: entities.creditCode })
    .from(entities)
    .where(eq(entities.id, actor.entityId ?? ""));
  return row!.creditCode;
}

/** A new enterprise whose business licence is re-issued stating its address (住所). */
async function enterpriseWithAddress() {
  const actor = await newEnterprise(h.db);
  const holderCode = await holderCodeOf(actor);
  const [old] = await h.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderCode, holderCode), eq(certificates.typeCode, "businessLicence")));
  await issueOrSupersede(
    h.db,
    {
      typeCode: "businessLicence",
      holderCode,
      holderName: old!.holderName,
      answers: { entityType: "limitedLiabilityCompany", businessAddress: address },
      facts: { legalRepresentative: old!.fields.legalRepresentative, legalRepresentativeIdNumber: old!.fields.legalRepresentativeIdNumber },
      issuedOn: "2024-01-02",
    },
    ["businessAddress"],
    monday,
  );
  const [licence] = await h.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderCode, holderCode), eq(certificates.typeCode, "businessLicence"), eq(certificates.status, "valid")));
  return { actor, licence: licence! };
}

function submitFood(actor: Actor, formData: Record<string, string>) {
  return submitApplication(
    h.db,
    actor,
    ZSubmitApplicationInput.parse({
      subject: food,
      idempotencyKey: randomUUID(),
      situations: { applicantType: "individual", premises: "existingShop" },
      formData,
      materials: {},
      consent: true,
    }),
    monday,
  );
}

describe("registry data fills the form", () => {
  it("fills a text field from a valid certificate the form takes, never a number or an invalid certificate's", () => {
    const materials = [
      { key: "licence", source: "certificate", fieldType: null, certificateType: "businessLicence" },
      { key: "businessAddress", source: "formField", fieldType: "text", certificateType: null },
      { key: "registeredCapital", source: "formField", fieldType: "number", certificateType: null },
      { key: "businessScope", source: "formField", fieldType: "textarea", certificateType: null },
    ];
    const cert = { typeCode: "businessLicence", number: "N1", status: "valid", issuerNameZh: "市场", issuerNameEn: "Market" };
    const fields = { businessAddress: "示例路 1 号", registeredCapital: "50", businessScope: "" };
    expect(registryFilledFields(materials, [{ ...cert, fields }], ["foodBusinessLicence"]).map((f) => [f.key, f.value, f.certificateNumber])).toEqual([
      ["businessAddress", "示例路 1 号", "N1"],
    ]);
    expect(registryFilledFields(materials, [{ ...cert, status: "revoked", fields }], [])).toEqual([]);
    // A certificate the form does not take fills nothing.
    expect(registryFilledFields(materials.slice(1), [{ ...cert, fields }], [])).toEqual([]);
    // Nor one the application re-issues: a change registration asks for the new address.
    expect(registryFilledFields(materials, [{ ...cert, fields }], ["businessLicence"])).toEqual([]);
  });

  it("the food licence form shows the licence's address read from the registry, and submission takes it from there", async () => {
    const { actor, licence } = await enterpriseWithAddress();
    const prefill = await prefillCertificates(h.db, actor, food, monday);
    expect(prefill.registryFields).toEqual([
      {
        key: "businessAddress",
        value: address,
        typeCode: "businessLicence",
        certificateNumber: licence.number,
        issuerNameZh: expect.any(String),
        issuerNameEn: expect.any(String),
      },
    ]);

    // The form sends another address (or none): the registry's is stored, and the audit says where it came from.
    const app = await submitFood(actor, { businessAddress: "别处的地址", diningArea: "80" });
    const [row] = await h.db.select().from(applications).where(eq(applications.id, app.id));
    expect(row?.formData).toMatchObject({ businessAddress: address, diningArea: "80" });
    const [submitted] = await h.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, app.id), eq(auditEvents.action, "application.submit")))
      .orderBy(desc(auditEvents.seq));
    expect(submitted?.data).toMatchObject({ fromRegistry: [{ key: "businessAddress", certificate: licence.number }] });
  });

  it("asks the address when the licence does not state it, and refuses a submission without it", async () => {
    const actor = await newEnterprise(h.db);
    const prefill = await prefillCertificates(h.db, actor, food, monday);
    expect(prefill.registryFields).toEqual([]);
    await expect(submitFood(actor, { diningArea: "80" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["formData", "businessAddress"] })],
    });
  });
});
