import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shanghaiDate } from "@/lib/dates";
import { auditEvents } from "@/modules/audit/schema";
import { divisions } from "@/modules/divisions/schema";
import { parseProvinceFile, type ProvinceFile } from "@/root/catalog-file";
import demoFile from "@/root/seed/demo-province.json";
import { uniqueSuffix } from "@/root/testing/database";
import { withDemo } from "@/root/testing/fixtures";
import { addRecognition } from "./add-recognition";
import { endRecognition } from "./end-recognition";
import { importRecognition } from "./import-recognition";
import type { AddRecognitionFormInput } from "./inputs";
import { acceptsForeignCertificate, recognisedTypes, recognitionFor } from "./recognition";
import { recognitions } from "./schema";
import { recognitionStream } from "./transition";
import { listRecognitions, openRecognitionJson, recognitionOptions } from "./views";

const { h, office, market } = await withDemo({ office: "dataoffice", market: "reviewer.market" });
const db = h.db;
const now = new Date();
const today = shanghaiDate(now);
const dayOffset = (days: number) => shanghaiDate(new Date(now.getTime() + days * 86_400_000));
const hebei = { region: "hebei" as const, now };

/** A foreign certificate type code no other test (or earlier run on the same database) uses. */
const freshType = () => `testType${uniqueSuffix()}`.replace(/[^A-Za-z0-9]/g, "").slice(0, 60);

const entry = (overrides: Partial<AddRecognitionFormInput> = {}): AddRecognitionFormInput => ({
  serviceCode: "foodBusinessLicensing",
  foreignRegion: "beijing",
  foreignTypeCode: freshType(),
  foreignTypeNameZh: "测试营业执照",
  foreignTypeNameEn: "Test business licence",
  localTypeCode: "businessLicence",
  legalBasis: "《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》（国办发〔2020〕35号）",
  validFrom: today,
  validUntil: "",
  ...overrides,
});

const rowsOfType = (foreignTypeCode: string) => db.select().from(recognitions).where(eq(recognitions.foreignTypeCode, foreignTypeCode));
const auditOf = (id: string) =>
  db
    .select({ action: auditEvents.action, from: auditEvents.fromState, to: auditEvents.toState, actor: auditEvents.actorUserId })
    .from(auditEvents)
    .where(eq(auditEvents.streamId, recognitionStream(id)))
    .orderBy(asc(auditEvents.seq));

describe("the data office's editor", () => {
  it("adds an entry, audited, published and accepted from its first day", async () => {
    const input = entry();
    const { id } = await addRecognition(db, office, input, hebei);
    const [row] = await rowsOfType(input.foreignTypeCode);
    expect(row).toMatchObject({
      id,
      serviceCode: "foodBusinessLicensing",
      foreignRegion: "beijing",
      localTypeCode: "businessLicence",
      status: "active",
      validUntil: null,
    });
    expect(row!.createdBy).toBe(office.userId);
    expect(await auditOf(id)).toEqual([{ action: "recognition.add", from: null, to: "active", actor: office.userId }]);

    const open = await openRecognitionJson(db, "hebei", now);
    expect(open).toMatchObject({ region: "hebei", generatedAt: now.toISOString() });
    expect(open.entries).toContainEqual({
      service: { code: "foodBusinessLicensing", nameZh: "食品经营许可", nameEn: expect.any(String) },
      foreignRegion: "beijing",
      foreignCertificateType: { code: input.foreignTypeCode, nameZh: "测试营业执照", nameEn: "Test business licence" },
      inPlaceOf: { code: "businessLicence", nameZh: "营业执照", nameEn: "Business licence" },
      legalBasis: input.legalBasis,
      validFrom: today,
      validUntil: null,
    });
    const query = { service: "foodBusinessLicensing", region: "beijing", certificateType: input.foreignTypeCode };
    expect(await acceptsForeignCertificate(db, query, today)).toBe(true);
    expect(await acceptsForeignCertificate(db, query, dayOffset(-1))).toBe(false);
  });

  it.each([
    ["this node's own region", { foreignRegion: "hebei" as const }, "foreignRegion", "recognition.errors.ownRegion"],
    ["an unknown service", { serviceCode: "noSuchService" }, "serviceCode", "recognition.errors.service"],
    ["an unknown local certificate type", { localTypeCode: "noSuchType" }, "localTypeCode", "recognition.errors.localType"],
    ["a local type the service does not ask for", { localTypeCode: "constructionPermit" }, "localTypeCode", "recognition.errors.localTypeNotAsked"],
  ])("refuses %s on its field, writing nothing", async (_what, overrides, field, key) => {
    const input = entry(overrides);
    await expect(addRecognition(db, office, input, hebei)).rejects.toMatchObject({ code: "invalidInput", field, message: key });
    expect(await rowsOfType(input.foreignTypeCode)).toEqual([]);
  });

  it("refuses a duplicate of a current entry on the foreign type, writing nothing", async () => {
    const input = entry();
    const { id } = await addRecognition(db, office, input, hebei);
    await expect(addRecognition(db, office, { ...input, legalBasis: "另一法律依据第一条" }, hebei)).rejects.toMatchObject({
      code: "invalidInput",
      field: "foreignTypeCode",
      message: "recognition.errors.duplicate",
    });
    expect((await rowsOfType(input.foreignTypeCode)).map((r) => r.id)).toEqual([id]);
    // The same foreign type of another region, or for another service, is another entry.
    await addRecognition(db, office, { ...input, foreignRegion: "tianjin" }, hebei);
    await addRecognition(db, office, { ...input, serviceCode: "outdoorSignboardPermit" }, hebei);
    expect(await rowsOfType(input.foreignTypeCode)).toHaveLength(3);
  });

  it("refuses two additions of the same entry at once: one is kept", async () => {
    const input = entry();
    const results = await Promise.allSettled([addRecognition(db, office, input, hebei), addRecognition(db, office, input, hebei)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await rowsOfType(input.foreignTypeCode)).toHaveLength(1);
  });

  it("refuses bad input before reading anything", async () => {
    await expect(addRecognition(db, office, entry({ validFrom: dayOffset(3), validUntil: dayOffset(2) }), hebei)).rejects.toMatchObject({
      name: "ZodError",
      issues: [expect.objectContaining({ path: ["validUntil"], message: "recognition.errors.validity" })],
    });
    await expect(addRecognition(db, office, entry({ foreignRegion: "shanghai" as never }), hebei)).rejects.toMatchObject({ name: "ZodError" });
    await expect(addRecognition(db, office, entry({ foreignTypeCode: "营业执照" }), hebei)).rejects.toMatchObject({ name: "ZodError" });
    await expect(addRecognition(db, office, entry({ validFrom: "2026-02-30" }), hebei)).rejects.toMatchObject({ name: "ZodError" });
    await expect(addRecognition(db, office, entry({ legalBasis: "" }), hebei)).rejects.toMatchObject({ name: "ZodError" });
    await expect(addRecognition(db, office, entry({ foreignTypeNameZh: "营业\u0000执照" }), hebei)).rejects.toMatchObject({ name: "ZodError" });
  });

  it("lets only the data office add or end", async () => {
    const input = entry();
    await expect(addRecognition(db, market, input, hebei)).rejects.toMatchObject({ code: "forbidden" });
    const { id } = await addRecognition(db, office, input, hebei);
    await expect(endRecognition(db, market, { id, version: 1 }, now)).rejects.toMatchObject({ code: "forbidden" });
    expect((await rowsOfType(input.foreignTypeCode))[0]!.status).toBe("active");
  });

  it("ends an entry: audited, no longer published nor accepted; a new entry may follow", async () => {
    const input = entry();
    const { id } = await addRecognition(db, office, input, hebei);
    const query = { service: "foodBusinessLicensing", region: "beijing", certificateType: input.foreignTypeCode };
    expect(await acceptsForeignCertificate(db, query, today)).toBe(true);
    await expect(endRecognition(db, office, { id, version: 2 }, now)).rejects.toMatchObject({ code: "conflict" });
    await endRecognition(db, office, { id, version: 1 }, now);
    const [row] = await rowsOfType(input.foreignTypeCode);
    expect(row).toMatchObject({ status: "ended", version: 2, endedBy: office.userId });
    expect(row!.endedAt?.getTime()).toBe(now.getTime());
    expect((await auditOf(id)).map((a) => [a.action, a.from, a.to])).toEqual([
      ["recognition.add", null, "active"],
      ["recognition.end", "active", "ended"],
    ]);
    expect(await acceptsForeignCertificate(db, query, today)).toBe(false);
    expect((await openRecognitionJson(db, "hebei", now)).entries.some((e) => e.foreignCertificateType.code === input.foreignTypeCode)).toBe(false);
    // The data office still sees it, ended.
    expect((await listRecognitions(db)).find((e) => e.id === id)).toMatchObject({ status: "ended" });
    // Ending it again is an illegal move; a new entry for the same triple is allowed.
    await expect(endRecognition(db, office, { id, version: 2 }, now)).rejects.toMatchObject({ code: "illegalTransition" });
    await addRecognition(db, office, input, hebei);
    expect(await acceptsForeignCertificate(db, query, today)).toBe(true);
  });

  it("offers the other regions and each service's certificate types", async () => {
    const options = await recognitionOptions(db, "hebei");
    expect(options.regions.map((r) => r.code)).toEqual(["beijing", "tianjin"]);
    const food = options.services.find((s) => s.code === "foodBusinessLicensing");
    expect(food?.types.map((t) => t.code)).toContain("businessLicence");
    expect(food?.types.map((t) => t.code)).not.toContain("constructionPermit");
  });
});

describe("the rule the exchange asks", () => {
  it("accepts only within the validity, both days included", async () => {
    const input = entry({ validFrom: dayOffset(10), validUntil: dayOffset(20) });
    await addRecognition(db, office, input, hebei);
    const query = { service: "foodBusinessLicensing", region: "beijing", certificateType: input.foreignTypeCode };
    expect(await acceptsForeignCertificate(db, query, dayOffset(9))).toBe(false);
    expect(await acceptsForeignCertificate(db, query, dayOffset(10))).toBe(true);
    expect(await acceptsForeignCertificate(db, query, dayOffset(20))).toBe(true);
    expect(await acceptsForeignCertificate(db, query, dayOffset(21))).toBe(false);
    expect(await recognitionFor(db, query, dayOffset(15))).toMatchObject({
      localTypeCode: "businessLicence",
      validFrom: dayOffset(10),
      validUntil: dayOffset(20),
    });
    expect(await recognitionFor(db, query, dayOffset(21))).toBeNull();
    // Listed in the published matrix before it starts (with its dates), so other nodes can prepare.
    expect((await openRecognitionJson(db, "hebei", now)).entries.some((e) => e.foreignCertificateType.code === input.foreignTypeCode)).toBe(true);
  });

  it("accepts nothing outside the matrix: another region, another service, another type", async () => {
    const input = entry();
    await addRecognition(db, office, input, hebei);
    const base = { service: "foodBusinessLicensing", region: "beijing", certificateType: input.foreignTypeCode };
    expect(await acceptsForeignCertificate(db, base, today)).toBe(true);
    expect(await acceptsForeignCertificate(db, { ...base, region: "tianjin" }, today)).toBe(false);
    expect(await acceptsForeignCertificate(db, { ...base, region: "hebei" }, today)).toBe(false);
    expect(await acceptsForeignCertificate(db, { ...base, region: "shanghai" }, today)).toBe(false);
    expect(await acceptsForeignCertificate(db, { ...base, service: "outdoorSignboardPermit" }, today)).toBe(false);
    expect(await acceptsForeignCertificate(db, { ...base, service: "noSuchService" }, today)).toBe(false);
    expect(await acceptsForeignCertificate(db, { ...base, certificateType: "foodBusinessLicence" }, today)).toBe(false);
  });

  it("lists the types in force for a service and region", async () => {
    const a = entry();
    const b = entry({ validFrom: dayOffset(5) });
    await addRecognition(db, office, a, hebei);
    await addRecognition(db, office, b, hebei);
    const codes = (await recognisedTypes(db, "foodBusinessLicensing", "beijing", today)).map((t) => t.foreignTypeCode);
    expect(codes).toContain(a.foreignTypeCode);
    expect(codes).not.toContain(b.foreignTypeCode);
    expect((await recognisedTypes(db, "foodBusinessLicensing", "beijing", dayOffset(5))).map((t) => t.foreignTypeCode)).toContain(b.foreignTypeCode);
    expect(await recognisedTypes(db, "foodBusinessLicensing", "hebei", today)).toEqual([]);
    expect(await recognisedTypes(db, "noSuchService", "beijing", today)).toEqual([]);
  });

  it("has the demo province's entries: Beijing and Tianjin business licences for the food licence and the signboard permit", async () => {
    for (const service of ["foodBusinessLicensing", "outdoorSignboardPermit"]) {
      for (const region of ["beijing", "tianjin"]) {
        expect(await recognitionFor(db, { service, region, certificateType: "businessLicence" }, "2026-06-01")).toMatchObject({
          localTypeCode: "businessLicence",
          foreignTypeNameZh: "营业执照",
          validFrom: "2026-01-01",
          validUntil: null,
        });
      }
    }
    expect(await acceptsForeignCertificate(db, { service: "foodBusinessLicensing", region: "beijing", certificateType: "businessLicence" }, "2025-12-31")).toBe(
      false,
    );
    expect(
      await acceptsForeignCertificate(db, { service: "enterpriseEstablishment", region: "beijing", certificateType: "businessLicence" }, "2026-06-01"),
    ).toBe(false);
  });
});

describe("the province file's part", () => {
  const divisionCodes = async () => new Set((await db.select({ code: divisions.code }).from(divisions)).map((d) => d.code));
  const clone = () => structuredClone(demoFile) as unknown as ProvinceFile;

  it("checks each entry against the file, at its path", async () => {
    const file = clone();
    const first = file.recognition[0]!;
    file.recognition.push(
      { ...first, region: "hebei", foreignType: "ownRegionType" },
      { ...first, service: "noSuchService", foreignType: "unknownServiceType" },
      { ...first, localType: "constructionPermit", foreignType: "notAskedType" },
      { ...first, validFrom: "2026-05-01", validUntil: "2026-04-30", foreignType: "badValidityType" },
      { ...first },
    );
    const n = clone().recognition.length;
    const parsed = parseProvinceFile(file, await divisionCodes());
    expect(parsed.file).toBeNull();
    const paths = parsed.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        `recognition[${n}].region`,
        `recognition[${n + 1}].service`,
        `recognition[${n + 2}].localType`,
        `recognition[${n + 3}].validUntil`,
        `recognition[${n + 4}]`,
      ]),
    );
    expect(parseProvinceFile(clone(), await divisionCodes()).problems).toEqual([]);
    // A blank legal basis is refused by the shape (trimmed, at least 4 characters), at its path.
    const blank = clone();
    blank.recognition[0] = { ...first, legalBasis: "    " };
    expect(parseProvinceFile(blank, await divisionCodes()).problems.map((p) => p.path)).toEqual(["recognition[0].legalBasis"]);
  });

  it("a file without a recognition list reads as an empty one", async () => {
    const file = clone() as unknown as Record<string, unknown>;
    delete file.recognition;
    const parsed = parseProvinceFile(file, await divisionCodes());
    expect(parsed.problems).toEqual([]);
    expect(parsed.file?.recognition).toEqual([]);
  });

  it("adds what is missing; insertOnly never revives an ended entry, upsert does and updates", async () => {
    const foreignType = freshType();
    const fileEntry = {
      service: "outdoorSignboardPermit",
      region: "tianjin" as const,
      foreignType,
      foreignTypeNameZh: "测试执照",
      foreignTypeNameEn: "Test licence",
      localType: "businessLicence",
      legalBasis: "《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》（国办发〔2020〕35号）",
      validFrom: "2026-01-01",
      validUntil: null,
    };
    expect(await importRecognition(db, [fileEntry], "insertOnly", now)).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await importRecognition(db, [fileEntry], "insertOnly", now)).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const [row] = await rowsOfType(foreignType);
    expect(row).toMatchObject({ status: "active", createdBy: null, foreignRegion: "tianjin" });
    expect((await auditOf(row!.id)).map((a) => [a.action, a.actor])).toEqual([["recognition.add", null]]);

    await endRecognition(db, office, { id: row!.id, version: row!.version }, now);
    expect(await importRecognition(db, [fileEntry], "insertOnly", now)).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await rowsOfType(foreignType)).map((r) => r.status)).toEqual(["ended"]);

    expect(await importRecognition(db, [fileEntry], "upsert", now)).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await importRecognition(db, [{ ...fileEntry, validUntil: "2027-12-31" }], "upsert", now)).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const current = await db
      .select()
      .from(recognitions)
      .where(and(eq(recognitions.foreignTypeCode, foreignType), eq(recognitions.status, "active")));
    expect(current).toHaveLength(1);
    expect(current[0]!.validUntil).toBe("2027-12-31");
    expect(await acceptsForeignCertificate(db, { service: "outdoorSignboardPermit", region: "tianjin", certificateType: foreignType }, "2028-01-01")).toBe(
      false,
    );
  });
});
