import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/modules/audit/schema";
import { certificateTypes, services } from "@/modules/catalog/schema";
import { departments } from "@/modules/identity/schema";
import { uniqueSuffix } from "@/root/testing/database";
import { reviewer, withDemo } from "@/root/testing/fixtures";
import { decideGrant, listGrants, requestGrant } from "./grants";
import { grantAnswerWorkingDays } from "./model";
import { dataResources, grants } from "./schema";

// The 政务数据共享条例 duty: a conditional sharing request is answered within a set number of
// working days on the official calendar; late answers are marked and listed for the data office.

const { h, dataOffice } = await withDemo({ dataOffice: "dataoffice" });

/** 09:00 in China on the given day. */
const at = (day: string) => new Date(`${day}T01:00:00Z`);

/** A new conditional resource of market supervision, and a tax service to ask it for. */
async function conditionalResource() {
  const typeCode = `t-answer-${uniqueSuffix()}`;
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
      lastUpdatedAt: at("2026-03-02"),
      legalBasis: "《测试条例》第八条",
      certificateTypeCode: typeCode,
    });
  const [taxService] = await h.db
    .select({ code: services.code })
    .from(services)
    .innerJoin(departments, eq(departments.id, services.departmentId))
    .where(eq(departments.code, "tax"))
    .orderBy(asc(services.code))
    .limit(1);
  return { resourceCode: `resource.${typeCode}`, serviceCode: taxService!.code };
}

async function ask(day: string) {
  const { resourceCode, serviceCode } = await conditionalResource();
  const asked = await requestGrant(
    h.db,
    dataOffice,
    { resourceCode, consumerDepartmentCode: "tax", serviceCodes: [serviceCode], purpose: "《测试条例》第九条：核验" },
    at(day),
  );
  return { ...asked, resourceCode };
}

async function grantEvents(grantId: string) {
  return h.db
    .select({ action: auditEvents.action, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "grant"), eq(auditEvents.entityId, grantId)))
    .orderBy(asc(auditEvents.seq));
}

describe("conditional requests answered in time", () => {
  it("sets the answer due day on the official calendar: ten working days, holidays skipped and make-up days counted", async () => {
    expect(grantAnswerWorkingDays).toBe(10);
    // Monday 2 March 2026: no holiday in the next two weeks.
    expect((await ask("2026-03-02")).answerDueOn).toBe("2026-03-16");
    // Thursday 30 April 2026: 1–5 May are holidays, Saturday 9 May is worked.
    const labourDay = await ask("2026-04-30");
    expect(labourDay.answerDueOn).toBe("2026-05-18");
    const events = await grantEvents(labourDay.id);
    expect(events.map((e) => e.action)).toEqual(["grant.request"]);
    expect(events[0]?.data).toMatchObject({ answerDueOn: "2026-05-18" });
  });

  it("an unconditional grant owes no answer and is never late", async () => {
    const [taxService] = await h.db
      .select({ code: services.code })
      .from(services)
      .innerJoin(departments, eq(departments.id, services.departmentId))
      .where(eq(departments.code, "tax"))
      .limit(1);
    const granted = await requestGrant(
      h.db,
      dataOffice,
      { resourceCode: "certificate.businessLicence", consumerDepartmentCode: "tax", serviceCodes: [taxService!.code], purpose: "《测试条例》第五条" },
      at("2026-03-02"),
    );
    expect(granted.status).toBe("approved");
    const [row] = await h.db.select().from(grants).where(eq(grants.id, granted.id));
    expect(row?.answerDueOn).toBeNull();
    const listed = (await listGrants(h.db, dataOffice, at("2027-01-04"))).find((g) => g.id === granted.id);
    expect(listed?.late).toBe(false);
  });

  it("lists an unanswered request as late the day after its due day, and keeps a late answer marked late", async () => {
    const asked = await ask("2026-03-02");
    const market = await reviewer(h.db, "market");
    const late = async (day: string, actor = dataOffice) => (await listGrants(h.db, actor, at(day))).find((g) => g.id === asked.id)?.late;
    // On the due day it is not late yet; the day after, it is — for the data office and the provider alike.
    expect(await late("2026-03-16")).toBe(false);
    expect(await late("2026-03-17")).toBe(true);
    expect(await late("2026-03-17", market)).toBe(true);

    // Asking again while pending does not move the due day.
    await requestGrant(
      h.db,
      dataOffice,
      {
        resourceCode: asked.resourceCode,
        consumerDepartmentCode: "tax",
        serviceCodes: (await h.db.select().from(grants).where(eq(grants.id, asked.id)))[0]!.serviceCodes,
        purpose: "《测试条例》第九条：再次申请",
      },
      at("2026-03-12"),
    );
    expect((await h.db.select().from(grants).where(eq(grants.id, asked.id)))[0]?.answerDueOn).toBe("2026-03-16");

    // Approved two days late: the grant is in force, and stays marked late (answered late).
    const [row] = await h.db.select().from(grants).where(eq(grants.id, asked.id));
    const approved = await decideGrant(h.db, market, { grantId: asked.id, version: row!.version, decision: "approve" }, at("2026-03-18"));
    expect(approved).toMatchObject({ status: "approved", late: true });
    const listed = (await listGrants(h.db, dataOffice, at("2026-06-01"))).find((g) => g.id === asked.id);
    expect(listed).toMatchObject({ answerDueOn: "2026-03-16", answeredOn: "2026-03-18", late: true });
    const events = await grantEvents(asked.id);
    expect(events.at(-1)).toMatchObject({ action: "grant.approve", data: { answerDueOn: "2026-03-16", late: true } });

    // Revoking later does not change the day it was answered.
    await decideGrant(h.db, dataOffice, { grantId: asked.id, version: approved.version, decision: "revoke", reason: "用途已结束" }, at("2026-04-01"));
    expect((await h.db.select().from(grants).where(eq(grants.id, asked.id)))[0]?.answeredOn).toBe("2026-03-18");
  });

  it("an answer within the time is not late, and a request asked again after a refusal gets a new due day", async () => {
    const asked = await ask("2026-03-02");
    const market = await reviewer(h.db, "market");
    const rejected = await decideGrant(
      h.db,
      market,
      { grantId: asked.id, version: asked.version, decision: "reject", reason: "用途与法律依据不符" },
      at("2026-03-16"),
    );
    expect(rejected.late).toBe(false);
    expect((await listGrants(h.db, dataOffice, at("2026-06-01"))).find((g) => g.id === asked.id)?.late).toBe(false);

    const [row] = await h.db.select().from(grants).where(eq(grants.id, asked.id));
    const again = await requestGrant(
      h.db,
      dataOffice,
      { resourceCode: asked.resourceCode, consumerDepartmentCode: "tax", serviceCodes: row!.serviceCodes, purpose: "《测试条例》第九条：补充依据后再次申请" },
      at("2026-06-01"),
    );
    expect(again).toMatchObject({ status: "requested", answerDueOn: "2026-06-15" });
    const [reopened] = await h.db.select().from(grants).where(eq(grants.id, asked.id));
    expect(reopened?.answeredOn).toBeNull();
  });
});
