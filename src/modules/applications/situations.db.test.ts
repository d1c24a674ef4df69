import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadApplicationPlan } from "@/modules/catalog/load-application-plan";
import type { PlanMaterial } from "@/modules/catalog/plan";
import { principalOf, type Actor } from "@/modules/identity/model";
import { newEnterprise, withDemo } from "@/root/testing/fixtures";
import { getApplication } from "./get-application";
import { ZSaveDraftInput, ZSubmitApplicationInput } from "./inputs";
import { loadDraft, saveDraft } from "./save-draft";
import { applications } from "./schema";
import { submitApplication } from "./submit-application";
import { uploadFile } from "./upload-file";

const { h } = await withDemo({});
const pdf = new Uint8Array([...Buffer.from("%PDF-1.4\n%situations\n")]);
const monday = new Date("2026-03-02T01:00:00Z");
const restaurant = { kind: "bundle" as const, code: "openRestaurant" };

/** Answers and files for these materials, as a complete form would send them. */
async function supply(applicant: Actor, materials: readonly PlanMaterial[]) {
  const formData: Record<string, string> = {};
  const supplied: Record<string, { kind: "upload"; uploadId: string } | { kind: "certificate" }> = {};
  for (const m of materials) {
    if (m.source === "formField")
      formData[m.key] =
        m.fieldType === "number" ? "120" : m.fieldType === "date" ? "2026-03-01" : m.fieldType === "select" ? (m.options?.[0]?.value ?? "") : "示例";
    else if (m.source === "certificate") supplied[m.key] = { kind: "certificate" };
    else supplied[m.key] = { kind: "upload", uploadId: (await uploadFile(h.db, applicant, { fileName: `${m.key}.pdf`, content: pdf })).id };
  }
  return { formData, materials: supplied };
}

/** The field errors of a refused submission, by path. */
async function fieldErrors(p: Promise<unknown>): Promise<string[]> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(z.ZodError);
  return (error as z.ZodError).issues.map((i) => i.path.join("."));
}

const submittedCount = async (applicant: Actor) =>
  (
    await h.db
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.principalId, principalOf(applicant) ?? ""))
  ).filter((a) => a.status !== "draft").length;

describe("办理情形: situations decide the materials", () => {
  it("the restaurant bundle asks its services' questions once, each material saying when it applies", async () => {
    const plan = await loadApplicationPlan(h.db, restaurant);
    expect(plan.situations.map((q) => q.key)).toEqual(["applicantType", "premises", "signboardBuilding"]);
    const when = (key: string) => plan.materials.find((m) => m.key === key)?.appliesWhen;
    expect(when("foodSafetyRules")).toEqual([{ applicantType: ["company"] }]);
    expect(when("propertyOwnerConsent")).toEqual([{ signboardBuilding: ["othersBuilding"] }]);
    // The fire inspection asks for the floor plan always: in the bundle it applies always.
    expect(when("premisesFloorPlan")).toBeNull();
  });

  it("submits with only the materials that apply, keeps the answers, and shows them by their labels", async () => {
    const applicant = await newEnterprise(h.db);
    const plan = await loadApplicationPlan(h.db, restaurant);
    const situations = { applicantType: "individual", premises: "existingShop", signboardBuilding: "ownBuilding" };
    const asked = plan.materials.filter(
      (m) => !m.appliesWhen || m.appliesWhen.some((w) => Object.entries(w).every(([k, v]) => v.includes(situations[k as keyof typeof situations]))),
    );
    expect(asked.map((m) => m.key)).not.toEqual(expect.arrayContaining(["foodSafetyRules"]));
    expect(asked.map((m) => m.key)).not.toContain("propertyOwnerConsent");
    expect(asked.map((m) => m.key)).not.toContain("foodSafetyManager");
    const s = await submitApplication(
      h.db,
      applicant,
      ZSubmitApplicationInput.parse({ subject: restaurant, idempotencyKey: randomUUID(), situations, ...(await supply(applicant, asked)), consent: true }),
      monday,
    );
    expect(s.status).toBe("submitted");
    const [row] = await h.db.select().from(applications).where(eq(applications.id, s.id));
    expect(row?.situations).toEqual(situations);
    const view = await getApplication(h.db, applicant, s.id, monday);
    expect(view.situations).toEqual([
      { key: "applicantType", questionZh: "申请人类型", questionEn: "Type of applicant", answerZh: "个体工商户", answerEn: "Individual business" },
      expect.objectContaining({ key: "premises", answerZh: "现有店铺（布局、流程不变）" }),
      expect.objectContaining({ key: "signboardBuilding", answerZh: "本单位所有的建筑物", answerEn: "A building the applicant owns" }),
    ]);
    // The case lists the materials of its situation, not the others.
    expect(view.materials.map((m) => m.key)).not.toContain("foodSafetyRules");
    expect(view.materials.map((m) => m.key)).toContain("premisesFloorPlan");
  });

  it("re-derives the materials from the answers: a company that leaves out the rules is refused on that field, and nothing is written", async () => {
    const applicant = await newEnterprise(h.db);
    const plan = await loadApplicationPlan(h.db, restaurant);
    // A tampered form: it answers "company" but sends the list of an individual business.
    const individualList = plan.materials.filter((m) => !["foodSafetyRules", "foodSafetyManager"].includes(m.key));
    const errors = await fieldErrors(
      submitApplication(
        h.db,
        applicant,
        ZSubmitApplicationInput.parse({
          subject: restaurant,
          idempotencyKey: randomUUID(),
          situations: { applicantType: "company", premises: "newShop", signboardBuilding: "othersBuilding" },
          ...(await supply(applicant, individualList)),
          consent: true,
        }),
        monday,
      ),
    );
    expect(errors.sort()).toEqual(["formData.foodSafetyManager", "materials.foodSafetyRules"]);
    expect(await submittedCount(applicant)).toBe(0);
  });

  it("refuses a missing or unknown answer on its question, before any material", async () => {
    const applicant = await newEnterprise(h.db);
    const plan = await loadApplicationPlan(h.db, restaurant);
    const all = await supply(applicant, plan.materials);
    const submit = (situations: Record<string, string>) =>
      submitApplication(
        h.db,
        applicant,
        ZSubmitApplicationInput.parse({ subject: restaurant, idempotencyKey: randomUUID(), situations, ...all, consent: true }),
        monday,
      );
    expect(await fieldErrors(submit({ applicantType: "company", premises: "castle", signboardBuilding: "ownBuilding" }))).toEqual(["situations.premises"]);
    expect((await fieldErrors(submit({ applicantType: "company", dragons: "yes" }))).sort()).toEqual([
      "situations.dragons",
      "situations.premises",
      "situations.signboardBuilding",
    ]);
    expect(await submittedCount(applicant)).toBe(0);
  });

  it("keeps the answers with a draft", async () => {
    const applicant = await newEnterprise(h.db);
    const key = randomUUID();
    await saveDraft(h.db, applicant, ZSaveDraftInput.parse({ subject: restaurant, idempotencyKey: key, situations: { applicantType: "individual" } }), monday);
    expect((await loadDraft(h.db, applicant, key))?.situations).toEqual({ applicantType: "individual" });
  });
});
