import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { getApplication } from "@/modules/applications/get-application";
import { ZSaveDraftInput, ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { listMyApplications } from "@/modules/applications/list-applications";
import { readUpload } from "@/modules/applications/read-upload";
import { maxDraftsPerApplicant, saveDraft } from "@/modules/applications/save-draft";
import { applications, uploads } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { uploadFile } from "@/modules/applications/upload-file";
import { withdrawApplication } from "@/modules/applications/withdraw-application";
import { auditEvents } from "@/modules/audit/schema";
import { outbox } from "@/modules/notifications/schema";
import { listDataLog } from "@/modules/sharing/data-log";
import { addPopulationRecord } from "@/modules/sharing/population";
import { dataAccessLog, populationRecords } from "@/modules/sharing/schema";
import { certificates } from "@/modules/sharing/registry-schema";
import {
  actorByLogin,
  createTestBundle,
  freshCreditCode,
  freshIdNumber,
  newCitizen,
  newEnterprise,
  registeredPerson,
  reviewer,
  withDemo,
} from "@/root/testing/fixtures";
import { actForEntity, actForPerson, applyActingChoice } from "./acting";
import { changePassword } from "./change-password";
import { grantMandate, grantPersonalMandate } from "./grant-mandate";
import { idNumberBirthDate, idNumberSex } from "./id-number";
import {
  ZChangePasswordInput,
  ZGrantMandateInput,
  ZGrantPersonalMandateInput,
  ZRegisterCitizenInput,
  ZRegisterEnterpriseInput,
  ZStartKeyInInput,
} from "./inputs";
import type { Actor } from "./model";
import { applicantUserIds } from "./recipients";
import { registerCitizen } from "./register-citizen";
import { registerEnterprise } from "./register-enterprise";
import { revokeMandate } from "./revoke-mandate";
import { citizens, entities, sessions, users } from "./schema";
import { chooseActingFor, endSession, resolveSession, signOutElsewhere, startSession, type SessionPolicy } from "./sessions";
import { updateStaffAccount } from "./update-staff-account";
import { startKeyIn } from "./window-key-in";

const { h, clerk } = await withDemo({ clerk: "clerk" });

// Monday 2 March 2026, 09:00 in China.
const monday = new Date("2026-03-02T01:00:00Z");
const today = "2026-03-02";
const policy: SessionPolicy = { idleMinutes: 120, absoluteHours: 12 };
const pdf = new Uint8Array([...Buffer.from("%PDF-1.4\n%trust\n")]);

const citizenInput = (p: { idNumber: string; name: string }, password = "Secret2026") =>
  ZRegisterCitizenInput.parse({ ...p, phone: "13900000009", password, confirmPassword: password });

async function personOf(actor: Actor) {
  const [p] = await h.db
    .select()
    .from(citizens)
    .where(eq(citizens.id, actor.personId ?? ""));
  if (!p) throw new Error("no person");
  return p;
}

async function grantTo(representative: Actor, agent: Actor, over: Record<string, unknown> = {}) {
  const p = await personOf(agent);
  return grantMandate(
    h.db,
    representative,
    ZGrantMandateInput.parse({ agentIdNumber: p.idNumber, agentName: p.name, scope: "all", startsOn: today, endsOn: "2027-03-01", ...over }),
    monday,
  );
}

async function submitFor(actor: Actor, code: string, materials: Record<string, unknown> = {}) {
  const input = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "示例项目" },
    materials,
    consent: true,
  });
  return submitApplication(h.db, actor, input, monday);
}

async function versionOf(id: string) {
  const [row] = await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, id));
  return row?.v ?? 0;
}

describe("verified people", () => {
  it("registers only a name and ID number the population register knows, issues nothing, and says not which part was wrong", async () => {
    const person = await registeredPerson(h.db, "陈核验");
    const cardsBefore = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(certificates)
      .where(eq(certificates.holderCode, person.idNumber));

    const wrongName = registerCitizen(h.db, citizenInput({ idNumber: person.idNumber, name: "陈冒名" }), monday);
    await expect(wrongName).rejects.toMatchObject({ code: "invalidInput", field: "idNumber", message: "identity.errors.notInRegister" });
    const unknown = registerCitizen(h.db, citizenInput({ idNumber: freshIdNumber(), name: "陈核验" }), monday);
    await expect(unknown).rejects.toMatchObject({ code: "invalidInput", field: "idNumber", message: "identity.errors.notInRegister" });
    expect(await h.db.select().from(users).where(eq(users.login, person.idNumber))).toHaveLength(0);

    const { userId } = await registerCitizen(h.db, citizenInput(person), monday);
    const [user] = await h.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ verification: "populationRegister", role: "citizen" });
    // The ID card is the register's: registration issued none.
    const cardsAfter = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(certificates)
      .where(eq(certificates.holderCode, person.idNumber));
    expect(cardsAfter[0]?.n).toBe(cardsBefore[0]?.n);
    // The person sees every check made with their number, the failed one too.
    const checks = await h.db
      .select()
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.holderCode, person.idNumber), eq(dataAccessLog.purpose, "identityVerification")));
    expect(checks.map((c) => c.outcome).sort()).toEqual(["allowed", "refused"]);
  });

  it("lets public security record a person with their ID card, and no one else; the ID number must agree with the date of birth and sex", async () => {
    const ps = await reviewer(h.db, "publicSecurity");
    const idNumber = freshIdNumber();
    const input = { idNumber, name: "魏登记", sex: idNumberSex(idNumber), birthDate: idNumberBirthDate(idNumber), householdDivisionCode: "130102" };
    await expect(addPopulationRecord(h.db, await reviewer(h.db, "tax"), input, monday)).rejects.toMatchObject({ code: "forbidden" });
    await expect(addPopulationRecord(h.db, ps, { ...input, birthDate: "1900-01-01" }, monday)).rejects.toMatchObject({
      code: "invalidInput",
      field: "birthDate",
    });
    await expect(addPopulationRecord(h.db, ps, { ...input, sex: input.sex === "male" ? "female" : "male" }, monday)).rejects.toMatchObject({
      code: "invalidInput",
      field: "sex",
    });
    await expect(addPopulationRecord(h.db, ps, { ...input, householdDivisionCode: "139999" }, monday)).rejects.toMatchObject({
      code: "invalidInput",
      field: "householdDivisionCode",
    });
    expect(await h.db.select().from(populationRecords).where(eq(populationRecords.idNumber, idNumber))).toHaveLength(0);

    const added = await addPopulationRecord(h.db, ps, input, monday);
    expect(added.idNumberMasked).not.toContain(idNumber.slice(6, 14));
    const [card] = await h.db
      .select()
      .from(certificates)
      .where(and(eq(certificates.holderCode, idNumber), eq(certificates.typeCode, "residentIdCard")));
    expect(card?.signature).toBeTruthy();
    await expect(addPopulationRecord(h.db, ps, input, monday)).rejects.toMatchObject({ code: "conflict", field: "idNumber" });
    await expect(registerCitizen(h.db, citizenInput({ idNumber, name: "魏登记" }), monday)).resolves.toMatchObject({ login: idNumber });
  });
});

describe("enterprises act through people", () => {
  it("registers an enterprise only for the legal representative named on its licence; a code without a licence cannot be claimed", async () => {
    const squatter = await newCitizen(h.db, "贾抢注");
    const unlicensed = freshCreditCode();
    await expect(registerEnterprise(h.db, squatter, ZRegisterEnterpriseInput.parse({ creditCode: unlicensed }), monday)).rejects.toMatchObject({
      code: "invalidInput",
      field: "creditCode",
      message: "identity.errors.noLicence",
    });
    expect(await h.db.select().from(entities).where(eq(entities.creditCode, unlicensed))).toHaveLength(0);

    const company = await newEnterprise(h.db);
    const [entity] = await h.db
      .select()
      .from(entities)
      .where(eq(entities.id, company.entityId ?? ""));
    await expect(registerEnterprise(h.db, squatter, ZRegisterEnterpriseInput.parse({ creditCode: entity!.creditCode }), monday)).rejects.toMatchObject({
      code: "forbidden",
      message: "identity.errors.notLegalRepresentative",
    });
    expect(await actForEntity(h.db, squatter, entity!.id, today)).toBeNull();
    // The representative registering again only confirms it.
    const representative = await actorByLogin(h.db, entity!.legalRepresentativeIdNumber!);
    await expect(registerEnterprise(h.db, representative, ZRegisterEnterpriseInput.parse({ creditCode: entity!.creditCode }), monday)).resolves.toMatchObject({
      entityId: entity!.id,
    });
    expect(company.agency).toMatchObject({ kind: "legalRepresentative", scope: "all", mayGrant: true });
  });

  it("refuses the enterprise logins of before mandates", async () => {
    const [old] = await h.db
      .insert(users)
      .values({ role: "enterprise", login: `E${randomUUID().slice(0, 8)}`, displayName: "旧企业账号", active: true })
      .returning({ id: users.id });
    const sid = await startSession(h.db, { userId: old!.id, userAgent: null }, policy, monday);
    expect(await resolveSession(h.db, sid, policy, monday)).toBeNull();
  });

  it("a mandate is in force only between its dates and until revoked; scope limits what is seen and done", async () => {
    const company = await newEnterprise(h.db);
    const agent = await newCitizen(h.db, "郑经办");
    const { code: codeA } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const { code: codeB } = await createTestBundle(h.db, [{ key: "b", department: "tax" }]);
    const appA = await submitFor(company, codeA);
    const appB = await submitFor(company, codeB);
    const [serviceA] = (await h.db.select({ plan: applications.plan }).from(applications).where(eq(applications.id, appA.id)))[0]!.plan;

    // None: the agent is nobody to the enterprise.
    expect(await actForEntity(h.db, agent, company.entityId!, today)).toBeNull();
    // Pending: starts tomorrow.
    const pending = await grantTo(company, agent, { startsOn: "2026-03-03" });
    expect(await actForEntity(h.db, agent, company.entityId!, today)).toBeNull();
    expect(await actForEntity(h.db, agent, company.entityId!, "2026-03-03")).toMatchObject({ agency: { kind: "mandate", mandateId: pending.id } });
    await revokeMandate(h.db, company, { mandateId: pending.id, reason: "" }, monday);

    // Services: sees and acts on its service only.
    const scoped = await grantTo(company, agent, { scope: "services", serviceCodes: [serviceA!.serviceCode] });
    const asAgent = await actForEntity(h.db, agent, company.entityId!, today);
    expect(asAgent?.agency).toMatchObject({ kind: "mandate", scope: "services", serviceCodes: [serviceA!.serviceCode], mayGrant: false });
    expect((await listMyApplications(h.db, asAgent!)).map((a) => a.id)).toEqual([appA.id]);
    await expect(getApplication(h.db, asAgent!, appB.id, monday)).rejects.toMatchObject({ code: "notFound" });
    await expect(submitFor(asAgent!, codeB)).rejects.toMatchObject({ code: "forbidden", message: "applications.errors.outOfMandate" });
    await expect(grantTo(asAgent!, await newCitizen(h.db))).rejects.toMatchObject({ code: "forbidden" });
    await revokeMandate(h.db, company, { mandateId: scoped.id, reason: "" }, monday);

    // View only: sees every case, acts on none.
    const viewOnly = await grantTo(company, agent, { scope: "viewOnly" });
    const viewer = await actForEntity(h.db, agent, company.entityId!, today);
    expect((await listMyApplications(h.db, viewer!)).map((a) => a.id).sort()).toEqual([appA.id, appB.id].sort());
    expect(await getApplication(h.db, viewer!, appA.id, monday)).toMatchObject({ mayAct: false });
    await expect(withdrawApplication(h.db, viewer!, { applicationId: appA.id, version: await versionOf(appA.id) }, monday)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(submitFor(viewer!, codeA)).rejects.toMatchObject({ code: "forbidden" });
    await expect(uploadFile(h.db, viewer!, { fileName: "a.pdf", content: pdf })).rejects.toMatchObject({ code: "forbidden" });

    // Expired: the day after it ends.
    expect(await actForEntity(h.db, agent, company.entityId!, "2027-03-02")).toBeNull();
    // Revoked: at once, and a second revocation is a conflict.
    await revokeMandate(h.db, company, { mandateId: viewOnly.id, reason: "离职" }, monday);
    expect(await actForEntity(h.db, agent, company.entityId!, today)).toBeNull();
    await expect(revokeMandate(h.db, company, { mandateId: viewOnly.id, reason: "" }, monday)).rejects.toMatchObject({ code: "conflict" });
    // Audited on the enterprise's stream.
    const audit = await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.streamId, `entity:${company.entityId}`));
    expect(audit.filter((a) => a.action === "mandate.grant")).toHaveLength(3);
    expect(audit.filter((a) => a.action === "mandate.revoke")).toHaveLength(3);
  });

  it("applications, drafts and uploads belong to the enterprise: a former agent loses them, the others keep them", async () => {
    const company = await newEnterprise(h.db);
    const former = await newCitizen(h.db, "钟离职");
    const colleague = await newCitizen(h.db, "钱同事");
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const mandate = await grantTo(company, former);
    await grantTo(company, colleague);
    const asFormer = (await actForEntity(h.db, former, company.entityId!, today))!;
    const file = await uploadFile(h.db, asFormer, { fileName: "场所照片.pdf", content: pdf });
    const filed = await submitFor(asFormer, code, { sitePhoto: { kind: "upload", uploadId: file.id } });
    const [row] = await h.db.select().from(applications).where(eq(applications.id, filed.id));
    expect(row).toMatchObject({ entityId: company.entityId, filedByUserId: former.userId, filedAs: "mandate", mandateId: mandate.id });
    // Everyone acting for the enterprise is told, and sees it.
    expect(await applicantUserIds(h.db, { entityId: company.entityId, personId: null }, monday)).toEqual(
      [company.userId, former.userId, colleague.userId].sort(),
    );
    const asColleague = (await actForEntity(h.db, colleague, company.entityId!, today))!;
    expect((await listMyApplications(h.db, asColleague)).map((a) => a.id)).toContain(filed.id);
    expect((await readUpload(h.db, company, file.id)).id).toBe(file.id);

    await revokeMandate(h.db, company, { mandateId: mandate.id, reason: "离职" }, monday);
    // The former agent, as whoever they are now, sees and does nothing of the enterprise's.
    await expect(getApplication(h.db, former, filed.id, monday)).rejects.toMatchObject({ code: "notFound" });
    await expect(withdrawApplication(h.db, former, { applicationId: filed.id, version: await versionOf(filed.id) }, monday)).rejects.toMatchObject({
      code: "notFound",
    });
    await expect(readUpload(h.db, former, file.id)).rejects.toMatchObject({ code: "notFound" });
    expect(await listMyApplications(h.db, former)).toEqual([]);
    expect(await applicantUserIds(h.db, { entityId: company.entityId, personId: null }, monday)).not.toContain(former.userId);
    // The session that chose the enterprise falls back to the person.
    expect(await applyActingChoice(h.db, former, { entityId: company.entityId }, monday, today)).toMatchObject({ role: "citizen", agency: null });
    // The colleague withdraws what the former agent filed.
    await expect(withdrawApplication(h.db, asColleague, { applicationId: filed.id, version: await versionOf(filed.id) }, monday)).resolves.toMatchObject({
      status: "withdrawn",
    });
  });

  it("lets only the legal representative appoint administrators, who may then grant", async () => {
    const company = await newEnterprise(h.db);
    const admin = await newCitizen(h.db, "管理员");
    await grantTo(company, admin, { administrator: true });
    const asAdmin = (await actForEntity(h.db, admin, company.entityId!, today))!;
    expect(asAdmin.agency).toMatchObject({ kind: "mandate", mayGrant: true });
    await expect(grantTo(asAdmin, await newCitizen(h.db), { administrator: true })).rejects.toMatchObject({ code: "forbidden", field: "administrator" });
    await expect(grantTo(asAdmin, await newCitizen(h.db))).resolves.toMatchObject({ id: expect.any(String) });
    // Bad input: a person not in the register, the representative themself, services without one named, a start in the past.
    await expect(
      grantMandate(
        h.db,
        company,
        ZGrantMandateInput.parse({ agentIdNumber: freshIdNumber(), agentName: "不存在", scope: "all", startsOn: today, endsOn: "2027-01-01" }),
        monday,
      ),
    ).rejects.toMatchObject({ field: "agentIdNumber" });
    const [entity] = await h.db.select().from(entities).where(eq(entities.id, company.entityId!));
    await expect(grantTo(company, await actorByLogin(h.db, entity!.legalRepresentativeIdNumber!))).rejects.toMatchObject({ field: "agentIdNumber" });
    expect(
      ZGrantMandateInput.safeParse({
        agentIdNumber: freshIdNumber(),
        agentName: "某人",
        scope: "services",
        serviceCodes: [],
        startsOn: today,
        endsOn: "2027-01-01",
      }).error?.issues[0]?.path,
    ).toEqual(["serviceCodes"]);
    await expect(grantTo(company, admin, { startsOn: "2026-03-01" })).rejects.toMatchObject({ field: "startsOn" });
    await expect(grantTo(company, admin, { endsOn: "2031-03-03" })).rejects.toMatchObject({ field: "endsOn" });
  });
});

describe("agents for people (帮办代办) and the window's key-in", () => {
  it("a relative applies for an older citizen, who sees the case and the relative's reads; revoked, the relative sees nothing", async () => {
    const elder = await newCitizen(h.db, "孙长者");
    const relative = await newCitizen(h.db, "周亲属");
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const p = await personOf(relative);
    const mandate = await grantPersonalMandate(
      h.db,
      elder,
      ZGrantPersonalMandateInput.parse({ agentIdNumber: p.idNumber, agentName: p.name, relationship: "relative", scope: "all", endsOn: "2026-12-31" }),
      monday,
    );
    const asRelative = (await actForPerson(h.db, relative, elder.personId!, today))!;
    expect(asRelative).toMatchObject({ role: "citizen", personId: elder.personId, agency: { kind: "personalAgent" } });
    const filed = await submitFor(asRelative, code);
    const [mine] = await listMyApplications(h.db, elder);
    expect(mine).toMatchObject({ id: filed.id, filedAs: "personalAgent", filedByName: "周亲属" });
    expect(await getApplication(h.db, elder, filed.id, monday)).toMatchObject({ filedBy: { as: "personalAgent", name: "周亲属" }, mayAct: true });
    // An agent cannot pass their mandate on, nor found a company for the person.
    await expect(
      grantPersonalMandate(
        h.db,
        asRelative,
        ZGrantPersonalMandateInput.parse({ agentIdNumber: p.idNumber, agentName: p.name, relationship: "other", scope: "all", endsOn: "2026-12-31" }),
        monday,
      ),
    ).rejects.toMatchObject({ code: "forbidden" });

    await revokeMandate(h.db, elder, { mandateId: mandate.id, reason: "" }, monday);
    expect(await actForPerson(h.db, relative, elder.personId!, today)).toBeNull();
    await expect(getApplication(h.db, relative, filed.id, monday)).rejects.toMatchObject({ code: "notFound" });
  });

  it("the window keys in for a walk-in applicant with consent recorded; the person sees it once they register", async () => {
    const walkIn = await registeredPerson(h.db, "冯到窗");
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const sid = await startSession(h.db, { userId: clerk.userId, userAgent: "test" }, policy, monday);
    const clerkSelf = { ...clerk, sessionId: sid };
    await expect(
      startKeyIn(
        h.db,
        clerkSelf,
        ZStartKeyInInput.parse({ idNumber: walkIn.idNumber, name: "冯冒名", consentKind: "inPerson", consentReference: "身份证原件已核验" }),
        monday,
      ),
    ).rejects.toMatchObject({ field: "idNumber" });
    await startKeyIn(h.db, clerkSelf, ZStartKeyInInput.parse({ ...walkIn, consentKind: "signedForm", consentReference: "授权书 2026-0302-01" }), monday);
    const resolved = await resolveSession(h.db, sid, policy, monday);
    expect(resolved?.actor).toMatchObject({ role: "citizen", agency: { kind: "window", agentName: clerk.displayName } });
    const filed = await submitFor(resolved!.actor, code);
    const [row] = await h.db.select().from(applications).where(eq(applications.id, filed.id));
    expect(row).toMatchObject({ filedAs: "window", filedByUserId: clerk.userId });
    expect(row?.windowKeyInId).toBeTruthy();

    const { userId } = await registerCitizen(h.db, citizenInput(walkIn), monday);
    const person = (await resolveSession(h.db, await startSession(h.db, { userId, userAgent: null }, policy, monday), policy, monday))!.actor;
    expect(await getApplication(h.db, person, filed.id, monday)).toMatchObject({
      filedBy: { as: "window", consentKind: "signedForm", consentReference: "授权书 2026-0302-01" },
    });
  });
});

describe("a bundle that registers an entity has its own path", () => {
  it("refuses the start-a-business bundle through the generic submission and writes nothing", async () => {
    const citizen = await newCitizen(h.db);
    const key = randomUUID();
    const input = ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code: "startBusiness" },
      idempotencyKey: key,
      formData: { enterpriseName: "石家庄通办示范商贸有限公司" },
      materials: {},
      consent: true,
    });
    await expect(submitApplication(h.db, citizen, input, monday)).rejects.toMatchObject({ code: "forbidden", message: "applications.errors.ownPathOnly" });
    expect(await h.db.select().from(applications).where(eq(applications.idempotencyKey, key))).toHaveLength(0);
  });
});

describe("inputs the applicant does not own", () => {
  it("a draft may reference only the applicant's own uploads; drafts are bounded", async () => {
    const a = await newEnterprise(h.db);
    const b = await newEnterprise(h.db);
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const bFile = await uploadFile(h.db, b, { fileName: "b.pdf", content: pdf });
    const draft = (key: string, uploadId?: string) =>
      ZSaveDraftInput.parse({
        subject: { kind: "bundle", code },
        idempotencyKey: key,
        formData: {},
        materials: uploadId ? { sitePhoto: { kind: "upload", uploadId } } : {},
      });
    await expect(saveDraft(h.db, a, draft(randomUUID(), bFile.id), monday)).rejects.toMatchObject({ code: "invalidInput", field: "materials.sitePhoto" });

    // Fill the applicant's drafts to the bound directly, then one more is refused; an existing one can still be saved.
    const existing = await saveDraft(h.db, a, draft("existing-draft-key"), monday);
    const [template] = await h.db.select().from(applications).where(eq(applications.id, existing.id));
    const { id: _id, principalId: _p, ...rest } = template!;
    await h.db.insert(applications).values(Array.from({ length: maxDraftsPerApplicant - 1 }, () => ({ ...rest, idempotencyKey: randomUUID() })));
    await expect(saveDraft(h.db, a, draft(randomUUID()), monday)).rejects.toMatchObject({
      code: "invalidInput",
      message: expect.stringContaining("applications.errors.tooManyDrafts"),
    });
    await expect(saveDraft(h.db, a, draft("existing-draft-key"), monday)).resolves.toMatchObject({ id: existing.id });
  });

  it("a reviewer reads the files of their own step only", async () => {
    const company = await newEnterprise(h.db);
    const { code } = await createTestBundle(h.db, [
      { key: "a", department: "market" },
      { key: "b", department: "tax" },
    ]);
    const file = await uploadFile(h.db, company, { fileName: "场所照片.pdf", content: pdf });
    const app = await submitFor(company, code, { sitePhoto: { kind: "upload", uploadId: file.id } });
    await acceptApplication(h.db, clerk, { applicationId: app.id, version: await versionOf(app.id) }, monday);
    // Both test services ask for the photo; a third department with no task reads nothing.
    expect((await readUpload(h.db, await reviewer(h.db, "market"), file.id)).id).toBe(file.id);
    await expect(readUpload(h.db, await reviewer(h.db, "fire"), file.id)).rejects.toMatchObject({ code: "notFound" });
    const [u] = await h.db.select({ principalId: uploads.principalId }).from(uploads).where(eq(uploads.id, file.id));
    expect(u?.principalId).toBe(company.entityId);
  });
});

describe("sessions that end", () => {
  it("ends at sign-out, on idleness and at the absolute limit", async () => {
    const citizen = await newCitizen(h.db);
    const sid = await startSession(h.db, { userId: citizen.userId, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156" }, policy, monday);
    expect((await resolveSession(h.db, sid, policy, monday))?.self.userId).toBe(citizen.userId);
    // Idle: used within two hours keeps it; two hours of nothing ends it.
    const at = (minutes: number) => new Date(monday.getTime() + minutes * 60_000);
    expect(await resolveSession(h.db, sid, policy, at(119))).not.toBeNull();
    expect(await resolveSession(h.db, sid, policy, at(119 + 121))).toBeNull();
    // Absolute: however busy, 12 hours after sign-in.
    const busy = await startSession(h.db, { userId: citizen.userId, userAgent: null }, policy, monday);
    for (let m = 60; m < 12 * 60; m += 60) expect(await resolveSession(h.db, busy, policy, at(m))).not.toBeNull();
    expect(await resolveSession(h.db, busy, policy, at(12 * 60))).toBeNull();
    // Sign-out: the cookie names an ended row.
    const other = await startSession(h.db, { userId: citizen.userId, userAgent: null }, policy, monday);
    await endSession(h.db, other, "signOut", monday);
    expect(await resolveSession(h.db, other, policy, monday)).toBeNull();
  });

  it("deactivation, a department change and a password reset end every session at once", async () => {
    const office = await actorByLogin(h.db, "admin");
    const dataOffice = await actorByLogin(h.db, "dataoffice");
    const login = `reviewer.t${randomUUID().slice(0, 6)}`;
    const [u] = await h.db
      .insert(users)
      .values({ role: "reviewer", login: login.toUpperCase(), displayName: "测试审查员", passwordHash: null, verification: "staffAccount" })
      .returning({ id: users.id });
    const { staff } = await import("./schema");
    const market = await reviewer(h.db, "market");
    await h.db.insert(staff).values({ userId: u!.id, departmentId: market.departmentId });
    const s1 = await startSession(h.db, { userId: u!.id, userAgent: null }, policy, monday);
    expect((await resolveSession(h.db, s1, policy, monday))?.actor.departmentId).toBe(market.departmentId);

    const moved = await updateStaffAccount(h.db, office, { userId: u!.id, departmentCode: "tax" }, monday);
    expect(moved).toMatchObject({ sessionsEnded: 1, changes: ["departmentChanged"] });
    expect(await resolveSession(h.db, s1, policy, monday)).toBeNull();
    const s2 = await startSession(h.db, { userId: u!.id, userAgent: null }, policy, monday);
    expect((await resolveSession(h.db, s2, policy, monday))?.actor.departmentId).toBe((await reviewer(h.db, "tax")).departmentId);

    await updateStaffAccount(h.db, office, { userId: u!.id, newPassword: "NewSecret2026" }, monday);
    expect(await resolveSession(h.db, s2, policy, monday)).toBeNull();
    const s3 = await startSession(h.db, { userId: u!.id, userAgent: null }, policy, monday);
    await updateStaffAccount(h.db, office, { userId: u!.id, active: false }, monday);
    expect(await resolveSession(h.db, s3, policy, monday)).toBeNull();
    const [ended] = await h.db.select().from(sessions).where(eq(sessions.id, s3));
    expect(ended?.revokedReason).toBe("deactivated");

    // Bad input: an unknown department, a reviewer without one, the administrator on itself, someone else than an administrator.
    await expect(updateStaffAccount(h.db, office, { userId: u!.id, departmentCode: "nowhere" }, monday)).rejects.toMatchObject({ field: "departmentCode" });
    await expect(updateStaffAccount(h.db, office, { userId: u!.id, departmentCode: null }, monday)).rejects.toMatchObject({ field: "departmentCode" });
    await expect(updateStaffAccount(h.db, office, { userId: office.userId, active: false }, monday)).rejects.toMatchObject({ field: "userId" });
    await expect(updateStaffAccount(h.db, market, { userId: u!.id, active: true }, monday)).rejects.toMatchObject({ code: "forbidden" });
    // The data office keeps the catalog, not the accounts: it could otherwise reset an administrator's password.
    await expect(updateStaffAccount(h.db, dataOffice, { userId: u!.id, active: true }, monday)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("changing one's password ends the other sessions and keeps this one; sign out everywhere else too", async () => {
    const person = await registeredPerson(h.db, "秦改密");
    const { userId } = await registerCitizen(h.db, citizenInput(person), monday);
    const here = await startSession(h.db, { userId, userAgent: null }, policy, monday);
    const there = await startSession(h.db, { userId, userAgent: null }, policy, monday);
    const self = (await resolveSession(h.db, here, policy, monday))!.self;
    await expect(
      changePassword(h.db, self, ZChangePasswordInput.parse({ currentPassword: "Wrong2026", password: "Better2027", confirmPassword: "Better2027" }), monday),
    ).rejects.toMatchObject({ field: "currentPassword" });
    expect(
      await changePassword(
        h.db,
        self,
        ZChangePasswordInput.parse({ currentPassword: "Secret2026", password: "Better2027", confirmPassword: "Better2027" }),
        monday,
      ),
    ).toEqual({ sessionsEnded: 1 });
    expect(await resolveSession(h.db, there, policy, monday)).toBeNull();
    expect(await resolveSession(h.db, here, policy, monday)).not.toBeNull();

    const third = await startSession(h.db, { userId, userAgent: null }, policy, monday);
    expect(await signOutElsewhere(h.db, self, monday)).toEqual({ ended: 1 });
    expect(await resolveSession(h.db, third, policy, monday)).toBeNull();
    expect(await resolveSession(h.db, here, policy, monday)).not.toBeNull();
  });

  it("keeps whom the person acts for in the session, re-checked on every request", async () => {
    const company = await newEnterprise(h.db);
    const agent = await newCitizen(h.db, "韩切换");
    const sid = await startSession(h.db, { userId: agent.userId, userAgent: null }, policy, monday);
    const self = (await resolveSession(h.db, sid, policy, monday))!.self;
    await expect(chooseActingFor(h.db, self, { kind: "entity", id: company.entityId! }, monday)).rejects.toMatchObject({ code: "forbidden" });
    const m = await grantTo(company, agent);
    await chooseActingFor(h.db, self, { kind: "entity", id: company.entityId! }, monday);
    expect((await resolveSession(h.db, sid, policy, monday))?.actor).toMatchObject({ role: "enterprise", entityId: company.entityId });
    await revokeMandate(h.db, company, { mandateId: m.id, reason: "" }, monday);
    expect((await resolveSession(h.db, sid, policy, monday))?.actor).toMatchObject({ role: "citizen", entityId: null, agency: null });
    // The data log of the enterprise shows nothing of what the former agent did not read.
    expect((await listDataLog(h.db, company, { page: 1, includeOwn: true })).entries.every((e) => e.readerRole !== null || e.purpose !== "review")).toBe(true);
  });
});

describe("notifications go to the applicant's people", () => {
  it("tells the enterprise's people about its case, not a former agent", async () => {
    const company = await newEnterprise(h.db);
    const agent = await newCitizen(h.db, "曹通知");
    const m = await grantTo(company, agent);
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const asAgent = (await actForEntity(h.db, agent, company.entityId!, today))!;
    const app = await submitFor(asAgent, code);
    await revokeMandate(h.db, company, { mandateId: m.id, reason: "" }, monday);
    await acceptApplication(h.db, clerk, { applicationId: app.id, version: await versionOf(app.id) }, monday);
    const [accepted] = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, app.id), eq(outbox.kind, "applicationAccepted")));
    expect(accepted?.recipientUserIds).toContain(company.userId);
    expect(accepted?.recipientUserIds).not.toContain(agent.userId);
  });
});
