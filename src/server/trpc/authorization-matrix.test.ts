import { readdirSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Actor, Agency } from "@/modules/identity/model";
import type { Db } from "@/server/db/client";
import { appRouter, createCaller } from "@/root/router";

// The first layer of the authorization matrix: every procedure × every kind of caller, decided by
// the role guards alone, without a database (a `db` that throws if touched proves the guard let
// the call through). The second layer, ownership and purpose on real data, is in
// authorization-matrix.db.test.ts. A procedure added without a row here fails the test.

type Caller =
  "anonymous" | "citizen" | "personalAgent" | "enterprise" | "mandateHolder" | "windowClerk" | "windowKeyIn" | "reviewer" | "dataOffice" | "administrator";
const callers: readonly Caller[] = [
  "anonymous",
  "citizen",
  "personalAgent",
  "enterprise",
  "mandateHolder",
  "windowClerk",
  "windowKeyIn",
  "reviewer",
  "dataOffice",
  "administrator",
];

const agency = (kind: Agency["kind"], over: Partial<Agency> = {}): Agency => ({
  kind,
  mandateId: null,
  keyInId: null,
  scope: "all",
  serviceCodes: [],
  mayGrant: false,
  agentName: "测试",
  ...over,
});
const base = { displayName: "测试", departmentId: null, entityId: null, personId: null, agency: null, sessionId: "00000000-0000-4000-8000-00000000000f" };
const person: Actor = { ...base, userId: "00000000-0000-4000-8000-000000000001", role: "citizen", personId: "00000000-0000-4000-8000-000000000101" };
const clerk: Actor = { ...base, userId: "00000000-0000-4000-8000-000000000002", role: "windowClerk" };

/** Each kind of caller as the context carries it: whom they act as (`actor`) and who signed in (`self`). */
const contexts: Record<Caller, { actor: Actor | null; self: Actor | null }> = {
  anonymous: { actor: null, self: null },
  citizen: { actor: person, self: person },
  personalAgent: { actor: { ...person, personId: "00000000-0000-4000-8000-000000000102", agency: agency("personalAgent") }, self: person },
  enterprise: {
    actor: {
      ...person,
      role: "enterprise",
      personId: null,
      entityId: "00000000-0000-4000-8000-000000000201",
      agency: agency("legalRepresentative", { mayGrant: true }),
    },
    self: person,
  },
  mandateHolder: {
    actor: {
      ...person,
      role: "enterprise",
      personId: null,
      entityId: "00000000-0000-4000-8000-000000000201",
      agency: agency("mandate", { scope: "viewOnly" }),
    },
    self: person,
  },
  windowClerk: { actor: clerk, self: clerk },
  windowKeyIn: { actor: { ...clerk, role: "citizen", personId: "00000000-0000-4000-8000-000000000103", agency: agency("window") }, self: clerk },
  reviewer: {
    actor: { ...base, userId: "00000000-0000-4000-8000-000000000003", role: "reviewer", departmentId: "00000000-0000-4000-8000-000000000301" },
    self: null,
  },
  dataOffice: { actor: { ...base, userId: "00000000-0000-4000-8000-000000000004", role: "dataOffice" }, self: null },
  administrator: { actor: { ...base, userId: "00000000-0000-4000-8000-000000000005", role: "administrator" }, self: null },
};
contexts.reviewer.self = contexts.reviewer.actor;
contexts.dataOffice.self = contexts.dataOffice.actor;
contexts.administrator.self = contexts.administrator.actor;

const everyone = callers;
const signedIn = callers.filter((c) => c !== "anonymous");
/** Whoever stands for an applicant: the person, their agent, the enterprise's people, the window keying in. */
const applicants: Caller[] = ["citizen", "personalAgent", "enterprise", "mandateHolder", "windowKeyIn"];
/** The holder's own data and mandates: the applicants but the window keying in. */
const holders: Caller[] = applicants.filter((c) => c !== "windowKeyIn");
/** A citizen acting as themself. */
const personOnly: Caller[] = ["citizen"];
const enterpriseOnly: Caller[] = ["enterprise", "mandateHolder"];
const staff: Caller[] = ["windowClerk", "reviewer", "dataOffice"];
const keepers: Caller[] = ["reviewer", "dataOffice"];

/** Who gets past the role guard of each procedure. The use cases then check ownership and purpose (second layer). */
const matrix: Record<string, readonly Caller[]> = {
  "identity.registerCitizen": everyone,
  "identity.entityStanding": everyone,
  "identity.registerEnterprise": personOnly,
  "identity.verifyIdentity": personOnly,
  "identity.departments": [...staff, "administrator"],
  "identity.me": signedIn,
  "identity.actingOptions": signedIn,
  "identity.chooseActingFor": signedIn,
  "identity.mandates": holders,
  "identity.grantMandate": enterpriseOnly,
  "identity.grantPersonalMandate": personOnly,
  "identity.revokeMandate": holders,
  "identity.sessions": signedIn,
  "identity.endSession": signedIn,
  "identity.signOutElsewhere": signedIn,
  "identity.changePassword": signedIn,
  "identity.startKeyIn": ["windowClerk"],
  "identity.endKeyIn": signedIn,
  "identity.staffAccounts": ["administrator"],
  "identity.updateStaffAccount": ["administrator"],
  "identity.createDepartment": ["administrator"],
  "identity.createStaffAccount": ["administrator"],
  "identity.updateDepartment": ["administrator"],
  "applications.prefill": applicants,
  "applications.draft": applicants,
  "applications.saveDraft": applicants,
  "applications.submit": applicants,
  "applications.mine": applicants,
  "applications.get": signedIn,
  "applications.withdraw": applicants,
  "applications.completeSupplement": applicants,
  "applications.supplyStageMaterials": applicants,
  "applications.track": everyone,
  "applications.acceptanceQueue": ["windowClerk"],
  "applications.processed": ["windowClerk"],
  "applications.accept": ["windowClerk"],
  "applications.forwardings": ["windowClerk"],
  "applications.forward": ["windowClerk"],
  "applications.refuse": ["windowClerk"],
  "applications.requestCompletion": ["windowClerk"],
  "catalog.guides": everyone,
  "catalog.guide": everyone,
  "catalog.plan": everyone,
  "catalog.adminList": ["dataOffice"],
  "catalog.lint": ["dataOffice"],
  "catalog.updateService": ["dataOffice"],
  "catalog.setBundleSteps": ["dataOffice"],
  "catalog.certificateTypes": ["dataOffice"],
  "catalog.saveCertificateType": ["dataOffice"],
  "review.dashboard": ["reviewer"],
  "catalog.createService": ["dataOffice"],
  "catalog.addMaterial": ["dataOffice"],
  "catalog.updateMaterial": ["dataOffice"],
  "catalog.removeMaterial": ["dataOffice"],
  "catalog.createBundle": ["dataOffice"],
  "catalog.publishBundle": ["dataOffice"],
  "review.queue": ["reviewer"],
  "review.next": ["reviewer"],
  "review.task": ["reviewer"],
  "review.claim": ["reviewer"],
  "review.release": ["reviewer"],
  "review.decide": ["reviewer"],
  "review.templates": ["reviewer"],
  "review.departmentTemplates": ["dataOffice"],
  "review.saveTemplate": ["dataOffice"],
  "review.deleteTemplate": ["dataOffice"],
  // A department's operations: reviewers only; the head-only ones (reassign, appointing substitutes) and
  // holding the task (countersign) are checked in the use cases (their db tests).
  "review.departmentReviewers": ["reviewer"],
  "review.reassign": ["reviewer"],
  "review.transferTargets": ["reviewer"],
  "review.transfer": ["reviewer"],
  "review.returnToWindow": ["reviewer"],
  "review.countersigns": ["reviewer"],
  "review.requestCountersign": ["reviewer"],
  "review.answerCountersign": ["reviewer"],
  "review.substitutes": ["reviewer"],
  "review.appointSubstitute": ["reviewer"],
  // Clocks: anyone who may see the case reads them (checked in the use case); reviewers ask and
  // pause, and only a department's head decides (checked in the use case, by department).
  "review.clocks.forApplication": signedIn,
  "review.clocks.requestExtension": ["reviewer"],
  "review.clocks.decideExtension": ["reviewer"],
  "review.clocks.pendingExtensions": ["reviewer"],
  "review.clocks.startPause": ["reviewer"],
  "review.clocks.endPause": ["reviewer"],
  "notifications.list": signedIn,
  "notifications.unreadCount": signedIn,
  "notifications.markRead": signedIn,
  "notifications.markAllRead": signedIn,
  "documents.forApplication": signedIn,
  "documents.get": signedIn,
  "documents.verify": everyone,
  "sharing.verify": everyone,
  "exchange.verify": everyone,
  "exchange.providerHealth": ["dataOffice"],
  "sharing.publicKeys": everyone,
  "sharing.myCertificates": holders,
  "sharing.myCertificate": holders,
  "sharing.dataLog": holders,
  "sharing.askQuestion": holders,
  "sharing.fileObjection": holders,
  "sharing.myObjections": holders,
  "sharing.myConsents": holders,
  "sharing.withdrawConsent": holders,
  "sharing.fileObjectionAsUser": ["reviewer"],
  "sharing.objections": keepers,
  "sharing.decideObjection": ["reviewer"],
  "sharing.publicVerifications": holders,
  "sharing.keepsPopulationRegister": ["reviewer"],
  "sharing.populationRecords": ["reviewer"],
  "sharing.addPerson": ["reviewer"],
  "sharing.resources": keepers,
  "sharing.updateResource": ["dataOffice"],
  "sharing.markResourceUpdated": keepers,
  "sharing.grants": keepers,
  "sharing.requestGrant": ["dataOffice"],
  "sharing.decideGrant": keepers,
  "sharing.openQuestionCount": ["dataOffice"],
  "sharing.questions": ["dataOffice"],
  "sharing.answerQuestion": ["dataOffice"],
  "sharing.revokeCertificate": keepers,
  "sharing.rotateKey": ["dataOffice"],
  "registration.options": everyone,
  "registration.checkName": personOnly,
  "registration.reserveName": personOnly,
  "registration.myReservations": personOnly,
  "registration.founder": personOnly,
  "registration.submit": personOnly,
  "registration.lifecycleOptions": enterpriseOnly,
  "registration.submitChange": enterpriseOnly,
  // Every applicant reaches the use case, which refuses on the field anyone not acting for the enterprise.
  "registration.submitDeregistration": applicants,
  "openData.previews": everyone,
  "calendar.years": ["dataOffice"],
  "calendar.reminder": ["dataOffice"],
  "calendar.publish": ["dataOffice"],
  "credit.mine": holders,
  "credit.object": holders,
  "credit.applyRepair": holders,
  "credit.department": ["reviewer"],
  "credit.record": ["reviewer"],
  "credit.answerObjection": ["reviewer"],
  "credit.decideRepair": ["reviewer"],
  "credit.staffProfile": staff,
  "credit.public": everyone,
  "risk.overview": ["dataOffice"],
  "risk.recompute": ["dataOffice"],
  "risk.applicant": staff,
  "commitments.eligibility": applicants,
  "commitments.department": ["reviewer"],
  // Every signed-in caller reaches the use case, which answers "not found" to anyone but the applicant and staff.
  "commitments.ofApplication": signedIn,
  "commitments.record": ["reviewer"],
  "recognition.list": everyone,
  "recognition.options": ["dataOffice"],
  "recognition.add": ["dataOffice"],
  "recognition.end": ["dataOffice"],
  "inspections.list": everyone,
  "inspections.plan": everyone,
  "inspections.options": ["dataOffice"],
  "inspections.create": ["dataOffice"],
  "inspections.draw": ["dataOffice"],
  // Any reviewer reaches the use case, which refuses anyone not drawn for the entity.
  "inspections.mine": ["reviewer"],
  "inspections.recordResult": ["reviewer"],
  "disclosure.publishNow": ["dataOffice"],
  "disclosure.late": ["dataOffice"],
  "serviceIndex.snapshotNow": ["dataOffice"],
  "ratings.forCase": applicants,
  "ratings.rate": applicants,
  "ratings.appeal": applicants,
  "ratings.departmentItems": ["reviewer"],
  "ratings.departmentRatings": ["reviewer"],
  "ratings.answer": ["reviewer"],
  "ratings.office": ["dataOffice"],
  "ratings.decideAppeal": ["dataOffice"],
  "ratings.figures": ["dataOffice"],
  "dashboard.volumes": ["dataOffice"],
  "dashboard.departmentTasks": ["dataOffice"],
  "dashboard.bottlenecks": ["dataOffice"],
  "dashboard.followUps": ["dataOffice"],
};

/** A database that fails the test's way if anything reaches it: the guard let the call through. */
const untouchable = new Proxy({} as Db, {
  get() {
    throw new Error("database touched");
  },
});

type Outcome = "passes" | "UNAUTHORIZED" | "FORBIDDEN";

async function outcome(path: string, caller: Caller): Promise<Outcome> {
  const { actor, self } = contexts[caller];
  const api = createCaller({ db: untouchable, actor, self, locale: "zh-CN" }) as unknown as Record<string, unknown>;
  // A path may name a nested router (`review.clocks.startPause`): walk it segment by segment.
  const call = path.split(".").reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment], api) as (input?: unknown) => Promise<unknown>;
  try {
    await call(undefined);
    return "passes";
  } catch (e) {
    // Refused by a role guard, or past it (bad input, or the database the guard did not need).
    if (e instanceof TRPCError && (e.code === "UNAUTHORIZED" || e.code === "FORBIDDEN")) {
      // A FORBIDDEN thrown after the database was reached is not the guard's.
      if (e.cause instanceof Error && e.cause.message === "database touched") return "passes";
      return e.code;
    }
    return "passes";
  }
}

describe("authorization matrix: role guards", () => {
  const procedures = Object.keys(appRouter._def.procedures).sort();

  it("has a row for every procedure of the app router, and no row for one that does not exist", () => {
    expect(procedures.filter((p) => !(p in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((p) => !procedures.includes(p))).toEqual([]);
  });

  it("lets through exactly the callers of each row; the others are refused, signed-out ones as unauthorized", async () => {
    const mismatches: string[] = [];
    for (const path of procedures) {
      const allowed = matrix[path] ?? [];
      for (const caller of callers) {
        const expected: Outcome = allowed.includes(caller) ? "passes" : caller === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN";
        const actual = await outcome(path, caller);
        if (actual !== expected) mismatches.push(`${path} × ${caller}: expected ${expected}, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/**
 * Every route handler outside tRPC, with who may call it and where that is shown. A route added
 * without a row fails the test below.
 */
const routes: Record<string, { who: string; shownBy: string }> = {
  "acting-for": {
    who: "a signed-in person, for someone they represent or hold a mandate for (re-checked)",
    shownBy: "trust.db.test.ts (chooseActingFor), e2e/trust.spec.ts",
  },
  "api/auth/[...nextauth]": { who: "anyone (sign-in, with the per-address and per-pair limits)", shownBy: "identity.db.test.ts, e2e/foundation.spec.ts" },
  "api/health": { who: "anyone (liveness: the process answers; no database)", shownBy: "e2e/operations.spec.ts" },
  "api/ready": {
    who: "anyone (readiness: which checks pass, no secrets)",
    shownBy: "ready.db.test.ts, e2e/operations.spec.ts; the e2e web server waits on it",
  },
  "api/metrics": { who: "the holder of METRICS_TOKEN (bearer); 404 without one configured", shownBy: "metrics.db.test.ts, e2e/operations.spec.ts" },
  "api/exchange/node": {
    who: "anyone (the node's region, endpoints and public exchange keys)",
    shownBy: "exchange/two-nodes.db.test.ts, e2e/exchange.spec.ts",
  },
  "api/exchange/certificates": {
    who: "a configured peer node, by its signed request (no session): signature, clock, nonce and grants checked",
    shownBy: "exchange/two-nodes.db.test.ts, exchange/protocol.test.ts, e2e/exchange.spec.ts",
  },
  "api/exchange/verifications": {
    who: "a configured peer node, by its signed verification request (no session): signature, clock and nonce checked; answers a certificate's public view",
    shownBy: "exchange/verify-across.db.test.ts, exchange/verification-protocol.test.ts",
  },
  "api/exchange/joint": {
    who: "a configured peer node, by its signed joint-review message (no session): signature, clock, nonce checked; a part opened only under a grant in force; each message id taken once",
    shownBy: "exchange/joint-protocol.test.ts, applications/joint-review.db.test.ts",
  },
  "api/exchange/forwardings": {
    who: "a configured peer node, by its signed forwarding (no session): signature, clock, nonce and the service's opening to that region checked",
    shownBy: "applications/forwarding.db.test.ts, exchange/forwarding-protocol.test.ts",
  },
  "api/exchange/status-updates": {
    who: "a configured peer node, by its signed status update of a forwarding this node sent it (no session)",
    shownBy: "applications/forwarding.db.test.ts",
  },
  "api/open/credit-codes/[code]": { who: "anyone (open API)", shownBy: "e2e/parallel-review.spec.ts" },
  "api/open/credit/[code]": { who: "anyone (an enterprise's published credit records; no person's)", shownBy: "credit.db.test.ts, e2e/credit.spec.ts" },
  "api/open/recognition.json": {
    who: "anyone (this node's recognition matrix: services, regions, certificate types, legal bases)",
    shownBy: "recognition.db.test.ts, e2e/recognition.spec.ts",
  },
  "api/open/inspections/[plan]": {
    who: "anyone (a plan's seed, candidates, keys, draw and results)",
    shownBy: "inspections.db.test.ts, e2e/inspections.spec.ts",
  },
  "api/open/datasets/[file]": { who: "anyone (open data, no personal data)", shownBy: "open-data.db.test.ts, e2e/open-data.spec.ts" },
  "api/open/department-keys": { who: "anyone (public keys only)", shownBy: "e2e/holder-data.spec.ts" },
  "api/open/disclosures.json": { who: "anyone (published decisions; persons masked)", shownBy: "e2e/disclosure.spec.ts, e2e/legal-documents.spec.ts" },
  "api/open/disclosures.csv": { who: "anyone (published decisions; persons masked)", shownBy: "e2e/disclosure.spec.ts" },
  "api/open/service-index.json": { who: "anyone (aggregate counts)", shownBy: "e2e/service-index.spec.ts" },
  "api/open/service-index.csv": { who: "anyone (aggregate counts)", shownBy: "e2e/service-index.spec.ts" },
  "api/open/service-index/methodology.json": { who: "anyone (the published method)", shownBy: "e2e/service-index.spec.ts" },
  "api/open/service-index/history.json": {
    who: "anyone (a unit's published history, aggregate counts)",
    shownBy: "service-index.db.test.ts, e2e/service-index.spec.ts",
  },
  "api/trpc/[trpc]": { who: "per procedure: the matrix above", shownBy: "this file and authorization-matrix.db.test.ts" },
  "api/uploads/[id]": {
    who: "the applicant's people, the window, the reviewer of the step that asks for it",
    shownBy: "authorization-matrix.db.test.ts (route GET /api/uploads/[id])",
  },
  "api/uploads": { who: "an applicant not limited to viewing", shownBy: "trust.db.test.ts (view-only mandate refused)" },
  "key-in/end": { who: "the window clerk who keys in", shownBy: "e2e/trust.spec.ts" },
  "sign-out": { who: "whoever is signed in: ends the session row", shownBy: "trust.db.test.ts, e2e/trust.spec.ts" },
};

function routeFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return routeFiles(path.join(dir, e.name), prefix ? `${prefix}/${e.name}` : e.name);
    return e.name === "route.ts" ? [prefix] : [];
  });
}

describe("authorization matrix: route handlers", () => {
  it("has a row for every route handler, and none for a route that does not exist", () => {
    const found = routeFiles(path.resolve(import.meta.dirname, "../../app")).sort();
    expect(found).toEqual(Object.keys(routes).sort());
  });
});
