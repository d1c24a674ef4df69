import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { materials, services } from "@/modules/catalog/schema";
import { createTestBundle, newEnterprise, withDemo } from "@/root/testing/fixtures";
import { getApplication } from "./get-application";
import { ZSubmitApplicationInput } from "./inputs";
import { applications } from "./schema";
import { submitApplication } from "./submit-application";

const { h } = await withDemo({});

describe("an application keeps the form it was submitted under", () => {
  it("shows its materials as the catalog said at submission, whatever the data office changes later", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const applicant = await newEnterprise(h.db);
    const submitted = await submitApplication(
      h.db,
      applicant,
      ZSubmitApplicationInput.parse({
        subject: { kind: "bundle", code },
        idempotencyKey: randomUUID(),
        formData: { projectName: "示例项目" },
        materials: {},
        consent: true,
      }),
      new Date("2026-03-02T01:00:00Z"),
    );
    const [row] = await h.db.select({ planForm: applications.planForm }).from(applications).where(eq(applications.id, submitted.id));
    expect(row?.planForm?.materials.map((m) => m.key).sort()).toEqual(["projectName", "sitePhoto"]);

    // The data office renames the material and adds a new required one to the service.
    const [service] = await h.db
      .select({ id: services.id })
      .from(services)
      .where(eq(services.code, `t-a-${code.slice("t-bundle-".length)}`));
    expect(service).toBeDefined();
    await h.db.update(materials).set({ nameZh: "改名后的项目名称" }).where(eq(materials.serviceId, service!.id));
    await h.db
      .insert(materials)
      .values({
        serviceId: service!.id,
        key: "laterMaterial",
        nameZh: "后来新增的材料",
        nameEn: "A material added later",
        legalBasis: "《测试条例》第九条",
        source: "upload",
        required: true,
        sortOrder: 9,
      });

    const view = await getApplication(h.db, applicant, submitted.id);
    const names = view.materials.map((m) => m.nameZh);
    expect(names).toContain("项目名称");
    expect(names).not.toContain("改名后的项目名称");
    expect(names).not.toContain("后来新增的材料");
  });
});
