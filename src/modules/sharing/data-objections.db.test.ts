import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/modules/audit/schema";
import type { Actor } from "@/modules/identity/model";
import { departments, entities } from "@/modules/identity/schema";
import { newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { decideDataObjection } from "./decide-data-objection";
import { fileDataObjection } from "./file-data-objection";
import { verifyCertificate } from "./gate";
import { listDataLog } from "./data-log";
import { listDataObjections } from "./list-data-objections";
import { issueOrSupersede } from "./registry";
import { certificates } from "./registry-schema";
import { dataObjections, dataResources, grants } from "./schema";

// Objections to wrong shared data (政务数据共享条例 2025): the holder or a using department objects
// to a field; the issuing department corrects it (a new signed version, the old one kept) or
// answers with a reason, within its working days; late ones are listed for the data office.

const { h, dataOffice } = await withDemo({ dataOffice: "dataoffice" });
const at = (day: string) => new Date(`${day}T01:00:00Z`);
const wrongAddress = "河北省保定市竞秀区示例路 1 号";
const rightAddress = "河北省保定市竞秀区示例路 11 号";

async function holderCodeOf(actor: Actor) {
  const [row] = await h.db
    .select({ creditCode: entities.creditCode })
    .from(entities)
    .where(eq(entities.id, actor.entityId ?? ""));
  return row!.creditCode;
}

/** A new enterprise whose valid business licence states an address. */
async function licensed() {
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
      answers: { entityType: "limitedLiabilityCompany", businessAddress: wrongAddress },
      facts: { legalRepresentative: old!.fields.legalRepresentative, legalRepresentativeIdNumber: old!.fields.legalRepresentativeIdNumber },
      issuedOn: "2024-01-02",
    },
    ["businessAddress"],
    at("2026-03-02"),
  );
  const [licence] = await h.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderCode, holderCode), eq(certificates.typeCode, "businessLicence"), eq(certificates.status, "valid")));
  return { actor, holderCode, licence: licence! };
}

const objectionById = async (id: string) => (await h.db.select().from(dataObjections).where(eq(dataObjections.id, id)))[0]!;

describe("objections to wrong shared data", () => {
  it("the holder objects to the address; market supervision corrects it: a new signed version, the old one kept and superseded, all audited", async () => {
    const { actor, holderCode, licence } = await licensed();
    const filed = await fileDataObjection(
      h.db,
      actor,
      { number: licence.number, fieldKey: "businessAddress", claim: "门牌号应为 11 号", proposedValue: rightAddress },
      at("2026-03-02"),
    );
    expect(filed.dueOn).toBe("2026-03-16");

    // Refused, nothing written: a second open objection on the field, an unknown field, another enterprise.
    await expect(
      fileDataObjection(h.db, actor, { number: licence.number, fieldKey: "businessAddress", claim: "再次提出异议" }, at("2026-03-03")),
    ).rejects.toMatchObject({ code: "conflict", message: "sharing.objections.errors.alreadyOpen" });
    await expect(fileDataObjection(h.db, actor, { number: licence.number, fieldKey: "nothingLikeIt", claim: "不存在的数据项" })).rejects.toMatchObject({
      code: "invalidInput",
    });
    const stranger = await newEnterprise(h.db);
    await expect(fileDataObjection(h.db, stranger, { number: licence.number, fieldKey: "businessAddress", claim: "不是我的证照" })).rejects.toMatchObject({
      code: "notFound",
    });
    expect(await h.db.select().from(dataObjections).where(eq(dataObjections.holderCode, holderCode))).toHaveLength(1);

    // Only the issuing department decides.
    const tax = await reviewer(h.db, "tax");
    await expect(decideDataObjection(h.db, tax, { objectionId: filed.id, version: 1, decision: "answer", answer: "数据无误，不予更正" })).rejects.toMatchObject(
      { code: "notFound" },
    );
    const market = await reviewer(h.db, "market");
    const decided = await decideDataObjection(
      h.db,
      market,
      { objectionId: filed.id, version: 1, decision: "correct", value: rightAddress, answer: "经核实登记档案，门牌号录入有误，已更正。" },
      at("2026-03-10"),
    );
    expect(decided).toMatchObject({ status: "corrected", late: false });
    expect(decided.correctedNumber).not.toBe(licence.number);

    const [old] = await h.db.select().from(certificates).where(eq(certificates.id, licence.id));
    expect(old).toMatchObject({ status: "revoked", supersededByNumber: decided.correctedNumber });
    expect(old?.fields.businessAddress).toBe(wrongAddress);
    const [fresh] = await h.db.select().from(certificates).where(eq(certificates.number, decided.correctedNumber!));
    expect(fresh).toMatchObject({ status: "valid", issuedOn: licence.issuedOn, validUntil: licence.validUntil, holderCode });
    expect(fresh?.fields).toMatchObject({ ...licence.fields, businessAddress: rightAddress });
    const verified = await verifyCertificate(h.db, decided.correctedNumber!, null, at("2026-03-10"));
    expect(verified?.signature).toMatchObject({ present: true, valid: true });

    const events = await h.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.streamId, filed.id)).orderBy(asc(auditEvents.seq));
    expect(events.map((e) => e.action)).toEqual(["dataObjection.file", "certificate.issue", "dataObjection.correct"]);
    const revoked = await h.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "certificate"), eq(auditEvents.entityId, licence.id), eq(auditEvents.action, "certificate.revoke")));
    expect(revoked).toEqual([{ data: expect.objectContaining({ supersededBy: decided.correctedNumber }) }]);

    // The holder sees the outcome with the new number; a corrected objection cannot be decided again.
    const mine = await listDataObjections(h.db, actor, {}, at("2026-03-20"));
    expect(mine).toEqual([expect.objectContaining({ id: filed.id, status: "corrected", correctedNumber: decided.correctedNumber, late: false })]);
    await expect(decideDataObjection(h.db, market, { objectionId: filed.id, version: 2, decision: "answer", answer: "再次答复测试" })).rejects.toMatchObject({
      code: "illegalTransition",
    });
    // Every step shows in the holder's data log: filed by the holder, corrected by market supervision.
    const log = await listDataLog(h.db, actor, { page: 1, includeOwn: false });
    const steps = log.entries.filter((e) => e.purpose.startsWith("objection"));
    expect(steps.map((e) => [e.purpose, e.readerRole, e.departmentNameZh])).toEqual([
      ["objectionCorrected", "reviewer", expect.stringContaining("市场监督管理")],
      ["objectionFiled", "enterprise", null],
    ]);
  });

  it("bad input changes nothing: a claim too long, a proposed value too long, someone else's certificate", async () => {
    const { actor, holderCode, licence } = await licensed();
    await expect(fileDataObjection(h.db, actor, { number: licence.number, fieldKey: "businessAddress", claim: "长".repeat(1001) })).rejects.toBeTruthy();
    await expect(
      fileDataObjection(h.db, actor, { number: licence.number, fieldKey: "businessAddress", claim: "门牌号有误", proposedValue: "号".repeat(501) }),
    ).rejects.toBeTruthy();
    await expect(fileDataObjection(h.db, actor, { number: licence.number, fieldKey: "businessAddress", claim: "短" })).rejects.toBeTruthy();
    const stranger = await newEnterprise(h.db);
    await expect(fileDataObjection(h.db, stranger, { number: licence.number, fieldKey: "businessAddress", claim: "别人的证照" })).rejects.toMatchObject({
      code: "notFound",
    });
    expect(await h.db.select().from(dataObjections).where(eq(dataObjections.holderCode, holderCode))).toEqual([]);
    expect((await listDataLog(h.db, actor, { page: 1, includeOwn: true })).entries.filter((e) => e.purpose.startsWith("objection"))).toEqual([]);
  });

  it("a using department objects to a shared field; an answer after the due day keeps the data, is marked late and listed for the data office", async () => {
    const { actor, licence } = await licensed();
    const tax = await reviewer(h.db, "tax");
    const filed = await fileDataObjection(
      h.db,
      tax,
      { number: licence.number, fieldKey: "legalRepresentative", claim: "税务登记的法定代表人与执照不一致" },
      at("2026-03-02"),
    );
    expect((await objectionById(filed.id)).filedByDepartmentId).toBe(tax.departmentId);
    // A department without a grant on the data is not told it exists.
    const granted = await h.db
      .select({ code: departments.code })
      .from(grants)
      .innerJoin(dataResources, eq(dataResources.id, grants.resourceId))
      .innerJoin(departments, eq(departments.id, grants.consumerDepartmentId))
      .where(and(eq(dataResources.certificateTypeCode, "businessLicence"), eq(grants.status, "approved")));
    const outsider = (await h.db.select({ code: departments.code }).from(departments)).find(
      (d) => d.code !== "market" && !granted.some((g) => g.code === d.code),
    );
    const other = await reviewer(h.db, outsider!.code);
    await expect(fileDataObjection(h.db, other, { number: licence.number, fieldKey: "name", claim: "名称有误" })).rejects.toMatchObject({ code: "notFound" });

    const lateOn = async (day: string) => (await listDataObjections(h.db, dataOffice, { late: true }, at(day))).some((o) => o.id === filed.id);
    expect(await lateOn("2026-03-16")).toBe(false);
    expect(await lateOn("2026-03-17")).toBe(true);

    const market = await reviewer(h.db, "market");
    const answered = await decideDataObjection(
      h.db,
      market,
      { objectionId: filed.id, version: 1, decision: "answer", answer: "经核实，执照登记的法定代表人无误，请税务部门更新其登记。" },
      at("2026-03-18"),
    );
    expect(answered).toMatchObject({ status: "answered", correctedNumber: null, late: true });
    const [still] = await h.db.select().from(certificates).where(eq(certificates.id, licence.id));
    expect(still?.status).toBe("valid");
    expect(await lateOn("2026-06-01")).toBe(true);
    // The holder sees the department's objection and its answer too.
    expect(await listDataObjections(h.db, actor, {}, at("2026-06-01"))).toEqual([
      expect.objectContaining({ id: filed.id, byDepartment: true, status: "answered", answer: expect.stringContaining("无误") }),
    ]);
    expect(
      (await listDataLog(h.db, actor, { page: 1, includeOwn: false })).entries.filter((e) => e.purpose.startsWith("objection")).map((e) => e.purpose),
    ).toEqual(["objectionAnswered", "objectionFiled"]);
  });
});
