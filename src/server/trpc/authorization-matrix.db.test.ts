import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { readUpload } from "@/modules/applications/read-upload";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { uploadFile } from "@/modules/applications/upload-file";
import { actForEntity } from "@/modules/identity/acting";
import { grantMandate } from "@/modules/identity/grant-mandate";
import { ZGrantMandateInput } from "@/modules/identity/inputs";
import type { Actor } from "@/modules/identity/model";
import { revokeMandate } from "@/modules/identity/revoke-mandate";
import { citizens } from "@/modules/identity/schema";
import { reviewTasks } from "@/modules/review/schema";
import { certificates } from "@/modules/sharing/registry-schema";
import type { DatabaseHandle } from "@/server/db/client";
import { testDatabase } from "@/root/testing/database";
import { actorByLogin, createTestBundle, ensureDemo, freshIdNumber, newCitizen, newEnterprise, reviewer } from "@/root/testing/fixtures";
import { createCaller } from "@/root/router";

// The second layer of the authorization matrix: who may do what on one enterprise's case, on real
// data, through the same procedures and use cases the portal calls. Callers: anonymous, two
// citizens, the enterprise's legal representative, mandate holders in and out of scope, a view-only
// one, a former one, the window, the reviewer of the department concerned and of another, the data
// office and public security. Mutations are called so that an allowed caller meets a harmless
// refusal further in (a stale version, an already revoked mandate, a person not in the register):
// the matrix shows who got that far, and nothing changes.

let h: DatabaseHandle;
const who: Record<string, Actor | null> = {};
const ids = { application: "", version: 0, upload: "", licence: "", task: "", revokedMandate: "" };

const callers = [
  "anonymous",
  "citizenA",
  "citizenB",
  "legalRepresentative",
  "mandateAll",
  "mandateInScope",
  "mandateOutOfScope",
  "mandateViewOnly",
  "formerMandateHolder",
  "windowClerk",
  "reviewerConcerned",
  "reviewerOther",
  "dataOffice",
  "publicSecurity",
] as const;
type CallerName = (typeof callers)[number];

const monday = new Date("2026-03-02T01:00:00Z");
const today = "2026-03-02";

beforeAll(async () => {
  h = await testDatabase();
  await ensureDemo(h.db);
  const company = await newEnterprise(h.db);
  const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
  const { code: other } = await createTestBundle(h.db, [{ key: "b", department: "tax" }]);
  const plan = async (bundle: string) => {
    const { loadApplicationPlan } = await import("@/modules/catalog/load-application-plan");
    return (await loadApplicationPlan(h.db, { kind: "bundle", code: bundle })).steps.map((s) => s.serviceCode);
  };
  const mandateFor = async (scope: "all" | "services" | "viewOnly", serviceCodes: string[] = []) => {
    const person = await newCitizen(h.db, "矩阵经办");
    const [p] = await h.db
      .select()
      .from(citizens)
      .where(eq(citizens.id, person.personId ?? ""));
    const m = await grantMandate(
      h.db,
      company,
      ZGrantMandateInput.parse({ agentIdNumber: p!.idNumber, agentName: p!.name, scope, serviceCodes, startsOn: today, endsOn: "2027-03-01" }),
      monday,
    );
    return { person, mandateId: m.id };
  };
  const acting = async (person: Actor) => actForEntity(h.db, person, company.entityId ?? "", today);

  const all = await mandateFor("all");
  const inScope = await mandateFor("services", await plan(code));
  const outOfScope = await mandateFor("services", await plan(other));
  const viewOnly = await mandateFor("viewOnly");
  const former = await mandateFor("all");

  const file = await uploadFile(h.db, company, { fileName: "场所照片.pdf", content: new Uint8Array([...Buffer.from("%PDF-1.4\n%matrix\n")]) });
  const input = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "矩阵项目" },
    materials: { sitePhoto: { kind: "upload", uploadId: file.id } },
    consent: true,
  });
  const app = await submitApplication(h.db, company, input, monday);
  const clerk = await actorByLogin(h.db, "clerk");
  await acceptApplication(h.db, clerk, { applicationId: app.id, version: 2 }, monday);
  await revokeMandate(h.db, company, { mandateId: former.mandateId, reason: "离职" }, monday);

  const [row] = await h.db.select({ version: applications.version }).from(applications).where(eq(applications.id, app.id));
  const [task] = await h.db.select({ id: reviewTasks.id }).from(reviewTasks).where(eq(reviewTasks.applicationId, app.id));
  const [licence] = await h.db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.typeCode, "businessLicence"), eq(certificates.holderName, company.displayName)));
  Object.assign(ids, { application: app.id, version: row!.version, upload: file.id, licence: licence!.id, task: task!.id, revokedMandate: former.mandateId });

  Object.assign(who, {
    anonymous: null,
    citizenA: await newCitizen(h.db, "甲公民"),
    citizenB: await newCitizen(h.db, "乙公民"),
    legalRepresentative: company,
    mandateAll: await acting(all.person),
    mandateInScope: await acting(inScope.person),
    mandateOutOfScope: await acting(outOfScope.person),
    mandateViewOnly: await acting(viewOnly.person),
    // A former holder acts only as themself: the mandate no longer makes them the enterprise.
    formerMandateHolder: (await acting(former.person)) ?? former.person,
    windowClerk: clerk,
    reviewerConcerned: await reviewer(h.db, "market"),
    reviewerOther: await reviewer(h.db, "fire"),
    dataOffice: await actorByLogin(h.db, "dataoffice"),
    publicSecurity: await reviewer(h.db, "publicSecurity"),
  });
  // Seven accounts with real password hashes and a case through acceptance: slow on a busy machine.
}, 180_000);

type Code = "OK" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST";

async function codeOf(run: () => Promise<unknown>): Promise<Code | string> {
  try {
    await run();
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    const code = (e as { code?: string }).code;
    // Use cases called directly (the upload route) throw domain errors.
    return (
      ({ notFound: "NOT_FOUND", forbidden: "FORBIDDEN", conflict: "CONFLICT", invalidInput: "BAD_REQUEST" } as Record<string, string>)[code ?? ""] ?? String(e)
    );
  }
}

const api = (name: CallerName) => {
  const actor = who[name] ?? null;
  return createCaller({ db: h.db, actor, self: actor?.agency ? { ...actor, role: "citizen", agency: null, entityId: null } : actor, locale: "zh-CN" });
};

/** Each operation on the enterprise's case and data, as the portal performs it. */
const operations: Record<string, (name: CallerName) => Promise<unknown>> = {
  "applications.get": (n) => api(n).applications.get({ applicationId: ids.application }),
  // A stale version: whoever may act meets the conflict; the others never see the case.
  "applications.withdraw": (n) => api(n).applications.withdraw({ applicationId: ids.application, version: ids.version + 100 }),
  "applications.completeSupplement": (n) => api(n).applications.completeSupplement({ applicationId: ids.application, version: ids.version + 100 }),
  "applications.supplyStageMaterials": (n) => api(n).applications.supplyStageMaterials({ applicationId: ids.application, version: ids.version + 100 }),
  "route GET /api/uploads/[id]": async (n) => {
    const actor = who[n];
    if (!actor) throw new TRPCError({ code: "UNAUTHORIZED" });
    return readUpload(h.db, actor, ids.upload);
  },
  "sharing.myCertificate": (n) => api(n).sharing.myCertificate({ id: ids.licence }),
  "review.task": (n) => api(n).review.task({ taskId: ids.task }),
  // Already revoked: whoever may revoke it meets the conflict.
  "identity.revokeMandate": (n) => api(n).identity.revokeMandate({ mandateId: ids.revokedMandate, reason: "" }),
  // A person the register does not know: whoever may grant meets the field error.
  "identity.grantMandate": (n) =>
    api(n).identity.grantMandate({
      agentIdNumber: freshIdNumber(),
      agentName: "无此人",
      scope: "all",
      serviceCodes: [],
      startsOn: today,
      endsOn: "2027-01-01",
      administrator: false,
    }),
  // A date of birth that does not match: public security meets the field error.
  "sharing.addPerson": (n) =>
    api(n).sharing.addPerson({ idNumber: "11010519491231002X", name: "赵示例", sex: "female", birthDate: "1950-01-01", householdDivisionCode: "110105" }),
};

const U = "UNAUTHORIZED";
const F = "FORBIDDEN";
const N = "NOT_FOUND";
const C = "CONFLICT";
const B = "BAD_REQUEST";

/** The expected answer of every operation to every caller. */
const expected: Record<string, Record<CallerName, Code>> = {
  //                                anon citA citB  rep  all  in   out  view former window mkt  fire office ps
  "applications.get": row(U, N, N, "OK", "OK", "OK", N, "OK", N, "OK", "OK", N, N, N),
  "applications.withdraw": row(U, N, N, C, C, C, N, F, N, F, F, F, F, F),
  "applications.completeSupplement": row(U, N, N, C, C, C, N, F, N, F, F, F, F, F),
  "applications.supplyStageMaterials": row(U, N, N, C, C, C, N, F, N, F, F, F, F, F),
  "route GET /api/uploads/[id]": row(U, N, N, "OK", "OK", "OK", N, "OK", N, "OK", "OK", N, N, N),
  "sharing.myCertificate": row(U, N, N, "OK", "OK", "OK", "OK", "OK", N, F, F, F, F, F),
  // Another department's reviewer is told it is not theirs (staff, by a task id they were given).
  "review.task": row(U, F, F, F, F, F, F, F, F, F, "OK", F, F, F),
  "identity.revokeMandate": row(U, N, N, C, N, N, N, N, C, F, F, F, F, F),
  "identity.grantMandate": row(U, F, F, B, F, F, F, F, F, F, F, F, F, F),
  "sharing.addPerson": row(U, F, F, F, F, F, F, F, F, F, F, F, F, B),
};

function row(...codes: Code[]): Record<CallerName, Code> {
  return Object.fromEntries(callers.map((c, i) => [c, codes[i]])) as Record<CallerName, Code>;
}

describe("authorization matrix: ownership, mandates and purpose on real data", () => {
  it("answers every operation for every caller as the matrix says", async () => {
    const actual: Record<string, Record<string, string>> = {};
    for (const [name, run] of Object.entries(operations)) {
      actual[name] = {};
      for (const caller of callers) actual[name][caller] = await codeOf(() => run(caller));
    }
    expect(actual).toEqual(expected);
  });

  it("left the case as it was", async () => {
    const [row] = await h.db
      .select({ status: applications.status, version: applications.version })
      .from(applications)
      .where(eq(applications.id, ids.application));
    expect(row).toEqual({ status: "inReview", version: ids.version });
  });
});
