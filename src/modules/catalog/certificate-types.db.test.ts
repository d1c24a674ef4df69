import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actorByLogin, withDemo } from "@/root/testing/fixtures";
import { uniqueSuffix } from "@/root/testing/database";
import { auditEvents } from "../audit/schema";
import { certificateTypeIdentifying, listCertificateTypes, saveCertificateType } from "./certificate-types";
import { ZSaveCertificateTypeInput } from "./inputs";
import { certificateTypes } from "./schema";

const { h, office } = await withDemo({ office: "dataoffice" });

const field = { key: "holderName", nameZh: "单位名称", nameEn: "Name", type: "text", source: { registry: "holderName" }, shared: true } as const;
const input = (code: string, over: Record<string, unknown> = {}) =>
  ZSaveCertificateTypeInput.parse({
    create: true,
    code,
    nameZh: "测试许可证",
    nameEn: "Test permit",
    issuerDepartmentCode: "market",
    validityYears: "3",
    fields: [field],
    ...over,
  });
/** The business licence's own values, saved back unchanged but for the flag being left out. */
const licenceAsIs = (listed: Awaited<ReturnType<typeof listCertificateTypes>>) => {
  const licence = listed.types.find((t) => t.code === "businessLicence")!;
  return {
    nameZh: licence.nameZh,
    nameEn: licence.nameEn,
    issuerDepartmentCode: licence.issuerDepartmentCode,
    validityYears: licence.validityYears === null ? "" : String(licence.validityYears),
    fields: licence.fields,
    identifies: undefined,
  };
};
const audits = async () => (await h.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.streamId, "catalog")))[0]?.n ?? 0;

describe("the data office keeps certificate types", () => {
  it("creates and edits a type, audited, with a catalog version each", async () => {
    const code = `testPermit${uniqueSuffix()}`;
    const before = await audits();
    expect(await saveCertificateType(h.db, office, input(code))).toEqual({ code, created: true });
    await saveCertificateType(h.db, office, input(code, { create: false, nameZh: "测试许可证（新）", validityYears: "" }));
    const [row] = await h.db.select().from(certificateTypes).where(eq(certificateTypes.code, code));
    expect(row).toMatchObject({ nameZh: "测试许可证（新）", validityYears: null, fields: [field] });
    expect(await audits()).toBe(before + 2);
    const listed = (await listCertificateTypes(h.db)).types.find((t) => t.code === code);
    expect(listed?.issuerDepartmentCode).toBe("market");
  });

  it("refuses a code already used, an unknown department and an answer no issuing form asks for, writing nothing", async () => {
    const before = await audits();
    await expect(saveCertificateType(h.db, office, input("businessLicence"))).rejects.toMatchObject({ code: "conflict", field: "code" });
    await expect(saveCertificateType(h.db, office, input(`x${uniqueSuffix()}`, { issuerDepartmentCode: "nowhere" }))).rejects.toMatchObject({
      field: "issuerDepartmentCode",
    });
    // The seal record is issued by seal engraving, whose form asks for sealTypes, not for diningArea.
    const [seal] = await h.db.select().from(certificateTypes).where(eq(certificateTypes.code, "sealRecord"));
    await expect(
      saveCertificateType(
        h.db,
        office,
        input("sealRecord", {
          create: false,
          issuerDepartmentCode: "publicSecurity",
          fields: [field, { key: "area", nameZh: "面积", nameEn: "Area", type: "number", source: { answer: "diningArea" }, shared: true }],
        }),
      ),
    ).rejects.toMatchObject({ code: "invalidInput", field: "fields.1.source.answer" });
    const [after] = await h.db.select().from(certificateTypes).where(eq(certificateTypes.code, "sealRecord"));
    expect(after?.fields).toEqual(seal?.fields);
    expect(await audits()).toBe(before);
  });

  it("flags what a type proves, one type per kind: a second licence of entities is refused on its field, nothing written", async () => {
    expect(await certificateTypeIdentifying(h.db, "entity")).toBe("businessLicence");
    expect(await certificateTypeIdentifying(h.db, "person")).toBe("residentIdCard");
    const listed = await listCertificateTypes(h.db);
    expect(listed.types.find((t) => t.code === "businessLicence")?.identifies).toBe("entity");
    expect(listed.types.find((t) => t.code === "sealRecord")?.identifies).toBeNull();

    const before = await audits();
    const code = `testLicence${uniqueSuffix()}`;
    await expect(saveCertificateType(h.db, office, input(code, { identifies: "entity" }))).rejects.toMatchObject({
      code: "conflict",
      field: "identifies",
      message: expect.stringContaining("businessLicence"),
    });
    expect(await h.db.select().from(certificateTypes).where(eq(certificateTypes.code, code))).toEqual([]);
    expect(await audits()).toBe(before);
    expect(() => input(code, { identifies: "company" })).toThrow();

    // Without a flag a type proves nothing in particular; an edit that leaves the flag out keeps it.
    await saveCertificateType(h.db, office, input(code, { identifies: "" }));
    await saveCertificateType(h.db, office, input(code, { create: false, nameEn: "Test licence" }));
    const [row] = await h.db.select().from(certificateTypes).where(eq(certificateTypes.code, code));
    expect(row?.identifies).toBeNull();
    await saveCertificateType(h.db, office, input("businessLicence", { create: false, ...licenceAsIs(listed) }));
    expect(await certificateTypeIdentifying(h.db, "entity")).toBe("businessLicence");
  });

  it("is for the data office only", async () => {
    const clerk = await actorByLogin(h.db, "clerk");
    await expect(saveCertificateType(h.db, clerk, input(`y${uniqueSuffix()}`))).rejects.toMatchObject({ code: "forbidden" });
  });
});
