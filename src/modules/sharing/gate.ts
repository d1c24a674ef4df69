import { createHash } from "node:crypto";
import { and, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import { applicantIdentity } from "../identity/holder";
import { isAtWindow, isLiveApplication } from "../applications/model";
import { applications } from "../applications/schema";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { departments, entities } from "../identity/schema";
import { reviewTasks } from "../review/schema";
import { dataAccessLog, dataConsents, dataResources, foreignGrants, grants, publicVerificationCounts } from "./schema";
import { certificates, departmentKeys } from "./registry-schema";
import { maskIdNumber } from "../identity/id-number";
import { grantInForceStatus, isPersonHolderCode, sharedCertificateValues, shownCertificateFields, type ShownCertificateField } from "./model";
import { signedInWindow, verifyDocumentPayload, verifyFacts } from "./signing";

// The gate (共享网关): the one way to read the certificate registry. Every read states whose data
// and why; the gate checks the purpose and the grant, returns only what is allowed, and writes
// one log row per certificate type asked for, allowed or refused. Nothing else selects from
// `certificates` (a test enforces it).

export type CertificateStatus = "valid" | "expired" | "revoked";

export interface HeldCertificate {
  id: string;
  number: string;
  typeCode: string;
  holderCode: string;
  holderName: string;
  issuerNameZh: string;
  issuerNameEn: string;
  issuedOn: string;
  validUntil: string | null;
  /** `expired` is derived from `validUntil` as well as stored, so a lapsed date counts at once. */
  status: CertificateStatus;
  revocationReason: string | null;
  /** The certificate that replaced it (a reissue after a change). */
  supersededByNumber: string | null;
  fields: Record<string, string>;
  sourceApplicationId: string | null;
}

/**
 * Why a read happens:
 * - `own`: the holder (the enterprise, its agent, or the citizen) reads their own certificates;
 * - `application`: staff read the holder's certificates for an open application they work on:
 *   a reviewer whose department holds a task on it, or the window while it awaits acceptance.
 */
export type ReadPurpose =
  { kind: "own"; use: "prefill" | "submission" | "ownRecord"; applicationId?: string | null } | { kind: "application"; applicationId: string };

export interface CertificateQuery {
  holderCode: string;
  /** The newest usable certificate per type (a valid one before a lapsed one). */
  typeCodes?: readonly string[];
  /** These certificates (e.g. the ones an application's materials refer to). */
  certificateIds?: readonly string[];
  /** The certificates an application's approval issued. */
  issuedByApplicationId?: string;
  /** Every certificate the holder has (only for the holder's own reads). */
  all?: boolean;
  purpose: ReadPurpose;
  today: string;
}

export type RefusalReason =
  | "sharing.refusal.notHolder"
  | "sharing.refusal.noPurpose"
  | "sharing.refusal.otherHolder"
  | "sharing.refusal.applicationClosed"
  | "sharing.refusal.notCatalogued"
  | "sharing.refusal.notShared"
  | "sharing.refusal.noGrant"
  | "sharing.refusal.consentWithdrawn";

export interface GateResult {
  certificates: HeldCertificate[];
  /** Types the reader was refused, with the reason's message key; nothing of them is returned. */
  refused: Array<{ typeCode: string; reason: RefusalReason }>;
}

type Consumer = { departmentId: string; serviceCodes: string[] };
type PurposeCheck =
  | { ok: true; purpose: "ownRecord" | "prefill" | "submission" | "acceptance" | "review"; consumers: Consumer[] | "holder"; applicationId: string | null }
  | { ok: false; reason: RefusalReason; purpose: "ownRecord" | "prefill" | "submission" | "acceptance" | "review"; applicationId: string | null };

async function checkPurpose(db: Db, reader: Actor, holderCode: string, purpose: ReadPurpose): Promise<PurposeCheck> {
  if (purpose.kind === "own") {
    const applicationId = purpose.applicationId ?? null;
    if (reader.role !== "enterprise" && reader.role !== "citizen")
      return { ok: false, reason: "sharing.refusal.notHolder", purpose: purpose.use, applicationId };
    // The holder: the person, or whoever acts for the enterprise or person today (its legal
    // representative, a mandate holder, a person's agent, the window keying in) — the actor was
    // made from the mandates in force, so a former agent is no longer the holder here.
    const who = await applicantIdentity(db, reader).catch(() => null);
    if (who?.holderCode === holderCode) return { ok: true, purpose: purpose.use, consumers: "holder", applicationId };
    return { ok: false, reason: "sharing.refusal.notHolder", purpose: purpose.use, applicationId };
  }
  const applicationId = purpose.applicationId;
  const staffPurpose = reader.role === "windowClerk" ? "acceptance" : "review";
  const [app] = await db
    .select({ holderCode: applications.holderCode, status: applications.status, plan: applications.plan, registeredCode: entities.creditCode })
    .from(applications)
    .leftJoin(entities, eq(entities.id, applications.registeredEntityId))
    .where(eq(applications.id, applicationId));
  if (!app) return { ok: false, reason: "sharing.refusal.noPurpose", purpose: staffPurpose, applicationId: null };
  // The applicant's data, or the data of the enterprise this application registered.
  if (app.holderCode !== holderCode && app.registeredCode !== holderCode)
    return { ok: false, reason: "sharing.refusal.otherHolder", purpose: staffPurpose, applicationId };
  if (!isLiveApplication(app.status)) {
    return { ok: false, reason: "sharing.refusal.applicationClosed", purpose: staffPurpose, applicationId };
  }
  if (reader.role === "reviewer" && reader.departmentId) {
    const tasks = await db
      .select({ stepKey: reviewTasks.stepKey })
      .from(reviewTasks)
      .where(and(eq(reviewTasks.applicationId, applicationId), eq(reviewTasks.departmentId, reader.departmentId)));
    if (tasks.length === 0) return { ok: false, reason: "sharing.refusal.noPurpose", purpose: "review", applicationId };
    const steps = new Set(tasks.map((t) => t.stepKey));
    const own = app.plan.filter((s) => steps.has(s.key));
    const serviceCodes = own.map((s) => s.serviceCode);
    // A city or county body that acceptance routed a step to (管辖) carries out the service's
    // department's function for it: it reads under that department's grants and own resources,
    // for that service only.
    const functions = own.flatMap((s) => (s.serviceDepartmentId ? [{ departmentId: s.serviceDepartmentId, serviceCodes: [s.serviceCode] }] : []));
    return { ok: true, purpose: "review", consumers: [{ departmentId: reader.departmentId, serviceCodes }, ...functions], applicationId };
  }
  if (reader.role === "windowClerk") {
    // The window accepts on behalf of every department of the application, and reads what they may.
    if (!isAtWindow(app.status)) return { ok: false, reason: "sharing.refusal.noPurpose", purpose: "acceptance", applicationId };
    const consumers = new Map<string, string[]>();
    for (const s of app.plan) consumers.set(s.departmentId, [...(consumers.get(s.departmentId) ?? []), s.serviceCode]);
    return {
      ok: true,
      purpose: "acceptance",
      consumers: [...consumers].map(([departmentId, serviceCodes]) => ({ departmentId, serviceCodes })),
      applicationId,
    };
  }
  return { ok: false, reason: "sharing.refusal.noPurpose", purpose: staffPurpose, applicationId };
}

type ResourceRow = {
  id: string;
  providerDepartmentId: string;
  shareType: "unconditional" | "conditional" | "notShared";
  legalBasis: string;
  certificateTypeCode: string | null;
};

/** Whether one of the consumers may read the resource: its provider, or an approved grant for one of its services. */
async function checkGrant(
  db: Db,
  resource: ResourceRow | undefined,
  consumers: Consumer[],
): Promise<{ ok: true; legalBasis: string } | { ok: false; reason: RefusalReason }> {
  if (!resource) return { ok: false, reason: "sharing.refusal.notCatalogued" };
  const own = consumers.find((c) => c.departmentId === resource.providerDepartmentId);
  if (own) return { ok: true, legalBasis: resource.legalBasis };
  if (resource.shareType === "notShared") return { ok: false, reason: "sharing.refusal.notShared" };
  const rows = await db
    .select({ consumer: grants.consumerDepartmentId, serviceCodes: grants.serviceCodes, purpose: grants.purpose })
    .from(grants)
    .where(
      and(
        eq(grants.resourceId, resource.id),
        eq(grants.status, grantInForceStatus),
        inArray(
          grants.consumerDepartmentId,
          consumers.map((c) => c.departmentId),
        ),
      ),
    );
  for (const g of rows) {
    const consumer = consumers.find((c) => c.departmentId === g.consumer);
    if (consumer?.serviceCodes.some((s) => g.serviceCodes.includes(s))) return { ok: true, legalBasis: g.purpose };
  }
  return { ok: false, reason: "sharing.refusal.noGrant" };
}

function effectiveStatus(row: { status: CertificateStatus; validUntil: string | null }, today: string): CertificateStatus {
  if (row.status === "valid" && row.validUntil && row.validUntil < today) return "expired";
  return row.status;
}

function selectCertificates(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: certificates.id,
      number: certificates.number,
      typeCode: certificates.typeCode,
      holderCode: certificates.holderCode,
      holderName: certificates.holderName,
      issuerNameZh: departments.nameZh,
      issuerNameEn: departments.nameEn,
      issuedOn: certificates.issuedOn,
      validUntil: certificates.validUntil,
      status: certificates.status,
      revocationReason: certificates.revocationReason,
      supersededByNumber: certificates.supersededByNumber,
      fields: certificates.fields,
      sourceApplicationId: certificates.sourceApplicationId,
      createdAt: certificates.createdAt,
    })
    .from(certificates)
    .innerJoin(departments, eq(departments.id, certificates.issuerDepartmentId))
    .where(where);
}

/** The query's filter on the holder's certificates (always scoped to the holder). */
function queryFilter(q: CertificateQuery): SQL | undefined {
  const byHolder = eq(certificates.holderCode, q.holderCode);
  if (q.certificateIds) return and(byHolder, inArray(certificates.id, [...q.certificateIds]));
  if (q.issuedByApplicationId) return and(byHolder, eq(certificates.sourceApplicationId, q.issuedByApplicationId));
  if (q.typeCodes) return and(byHolder, inArray(certificates.typeCode, [...q.typeCodes]));
  return byHolder;
}

/**
 * Reads a holder's certificates for a purpose. Checks the purpose (see `ReadPurpose`) and, for
 * staff, a grant of the certificate's resource to their department for a service of the
 * application; logs every type asked for. Runs in the caller's transaction when given one, so a
 * read that feeds a submission is logged with it.
 */
export async function readCertificates(db: Db, reader: Actor, q: CertificateQuery): Promise<GateResult> {
  if (q.typeCodes?.length === 0 || q.certificateIds?.length === 0) return { certificates: [], refused: [] };
  if (!q.typeCodes && !q.certificateIds && !q.issuedByApplicationId && !q.all) throw new Error("readCertificates: say which certificates");
  if (q.all && q.purpose.kind !== "own") throw new Error("readCertificates: only the holder reads all their certificates");

  // Which types the query covers: asked for by type, or the types of the certificates named.
  // The type of a certificate is catalog metadata, not the holder's data; reading it decides
  // what to authorise.
  const typeCodes = q.typeCodes
    ? [...new Set(q.typeCodes)]
    : [...new Set((await db.selectDistinct({ typeCode: certificates.typeCode }).from(certificates).where(queryFilter(q))).map((r) => r.typeCode))];
  // Nothing of the holder matches: nothing was read, nothing to log.
  if (typeCodes.length === 0) return { certificates: [], refused: [] };
  const purpose = await checkPurpose(db, reader, q.holderCode, q.purpose);
  const resourceRows = typeCodes.length
    ? await db
        .select({
          id: dataResources.id,
          providerDepartmentId: dataResources.providerDepartmentId,
          shareType: dataResources.shareType,
          legalBasis: dataResources.legalBasis,
          certificateTypeCode: dataResources.certificateTypeCode,
        })
        .from(dataResources)
        .where(inArray(dataResources.certificateTypeCode, typeCodes))
    : [];
  const resourceOf = new Map(resourceRows.map((r) => [r.certificateTypeCode, r]));

  const decisions = new Map<string, { ok: true; legalBasis: string | null } | { ok: false; reason: RefusalReason }>();
  for (const typeCode of typeCodes) {
    if (!purpose.ok) decisions.set(typeCode, { ok: false, reason: purpose.reason });
    else if (purpose.consumers === "holder") decisions.set(typeCode, { ok: true, legalBasis: null });
    else decisions.set(typeCode, await checkGrant(db, resourceOf.get(typeCode), purpose.consumers));
  }
  // Staff reads for a case that rest on the applicant's consent stop when it is withdrawn (政务数据
  // 共享条例 2025; PIPL art. 15): the departments ask for an upload instead. Law-based reads stand.
  if (purpose.ok && purpose.consumers !== "holder" && purpose.applicationId) {
    const withdrawn = await db
      .select({ typeCode: dataConsents.certificateTypeCode })
      .from(dataConsents)
      .where(
        and(
          eq(dataConsents.applicationId, purpose.applicationId),
          eq(dataConsents.holderCode, q.holderCode),
          eq(dataConsents.basis, "consent"),
          isNotNull(dataConsents.withdrawnAt),
          inArray(dataConsents.certificateTypeCode, typeCodes),
        ),
      );
    for (const w of withdrawn) decisions.set(w.typeCode, { ok: false, reason: "sharing.refusal.consentWithdrawn" });
  }
  const allowedTypes = typeCodes.filter((t) => decisions.get(t)?.ok);
  const rows = allowedTypes.length ? await selectCertificates(db, and(queryFilter(q), inArray(certificates.typeCode, allowedTypes))) : [];
  rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

  // The holder reads every field of their own certificates; anyone else only what the type shares
  // (the sharing catalog's field list of the resource is the type's shared fields: one definition).
  const typeFields =
    purpose.ok && purpose.consumers !== "holder" && allowedTypes.length
      ? new Map(
          (
            await db
              .select({ code: certificateTypes.code, fields: certificateTypes.fields })
              .from(certificateTypes)
              .where(inArray(certificateTypes.code, allowedTypes))
          ).map((t) => [t.code, t.fields]),
        )
      : null;
  let found: HeldCertificate[] = rows.map(({ createdAt: _createdAt, ...r }) => ({
    ...r,
    fields: typeFields ? sharedCertificateValues(typeFields.get(r.typeCode) ?? [], r.fields) : r.fields,
    status: effectiveStatus(r, q.today),
  }));
  if (q.typeCodes) {
    // One per type: prefer a valid one; otherwise the newest, so the holder is told why it cannot be used.
    const best = new Map<string, HeldCertificate>();
    for (const c of found) {
      const current = best.get(c.typeCode);
      if (!current || (current.status !== "valid" && c.status === "valid")) best.set(c.typeCode, c);
    }
    found = [...best.values()];
  }

  // The window keying in for a walk-in applicant reads as the window, named in the holder's log.
  const readerRole = reader.agency?.kind === "window" ? "windowClerk" : reader.role;
  await db
    .insert(dataAccessLog)
    .values(
      typeCodes.map((typeCode) => {
        const d = decisions.get(typeCode);
        // The same read again (a page opened twice) is no new read: its key is already in the log.
        const readKey = createHash("sha256")
          .update(
            JSON.stringify([
              reader.userId,
              readerRole,
              purpose.purpose,
              purpose.applicationId,
              typeCode,
              d?.ok ?? false,
              d && !d.ok ? d.reason : null,
              found
                .filter((c) => c.typeCode === typeCode)
                .map((c) => `${c.id}:${c.status}`)
                .sort(),
            ]),
          )
          .digest("base64url");
        return {
          readerUserId: reader.userId,
          readerRole,
          readerDepartmentId: reader.departmentId,
          holderCode: q.holderCode,
          resourceId: resourceOf.get(typeCode)?.id ?? null,
          certificateTypeCode: typeCode,
          applicationId: purpose.applicationId,
          purpose: purpose.purpose,
          legalBasis: d?.ok ? d.legalBasis : null,
          outcome: d?.ok ? ("allowed" as const) : ("refused" as const),
          refusalReason: d && !d.ok ? d.reason : null,
          recordCount: found.filter((c) => c.typeCode === typeCode).length,
          readKey,
        };
      }),
    )
    .onConflictDoNothing({ target: [dataAccessLog.holderCode, dataAccessLog.readKey] });
  return {
    certificates: found,
    refused: typeCodes.flatMap((typeCode) => {
      const d = decisions.get(typeCode);
      return d && !d.ok ? [{ typeCode, reason: d.reason }] : [];
    }),
  };
}

/** What the public verification page shows: validity and the signature check, no personal numbers. */
export interface VerificationView {
  number: string;
  typeNameZh: string;
  typeNameEn: string;
  issuerNameZh: string;
  issuerNameEn: string;
  holderName: string;
  /** The credit code of an entity (public); a masked ID number for a person. */
  holderCodeShown: string;
  holderIsPerson: boolean;
  issuedOn: string;
  validUntil: string | null;
  status: CertificateStatus;
  revokedAt: Date | null;
  revocationReason: string | null;
  /** The certificate that replaced it (a reissue after a change), when it was superseded rather than withdrawn. */
  supersededByNumber: string | null;
  /**
   * What the certificate says, labelled and formatted (its type's printed fields), so whoever is
   * shown a print can compare it; empty for a person's certificate, whose contents are not public.
   */
  fields: ShownCertificateField[];
  /**
   * `valid`: the signature matches the facts under the issuer's key *and* was made inside that
   * key's window (`inKeyWindow`), so a retired key vouches only for what it signed while valid.
   */
  signature: { present: boolean; valid: boolean; keyId: string | null; signedAt: Date | null; inKeyWindow: boolean };
}

export function maskPersonName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${"*".repeat(chars.length - 1)}`;
}

/**
 * Public verification (证照核验) by certificate number: recomputes the issuer's signature over the
 * stored facts, so a changed field shows as a failed signature. Logged as a read of the holder's
 * data by the public. Null when no certificate has that number.
 */
export async function verifyCertificate(db: Db, number: string, reader: Actor | null = null, now: Date = new Date()): Promise<VerificationView | null> {
  const today = shanghaiDate(now);
  const [row] = await db
    .select({
      c: certificates,
      typeNameZh: certificateTypes.nameZh,
      typeNameEn: certificateTypes.nameEn,
      typeFields: certificateTypes.fields,
      issuerCode: departments.code,
      issuerNameZh: departments.nameZh,
      issuerNameEn: departments.nameEn,
      publicKey: departmentKeys.publicKey,
      keyDepartmentId: departmentKeys.departmentId,
      keyValidFrom: departmentKeys.validFrom,
      keyRetiredAt: departmentKeys.retiredAt,
    })
    .from(certificates)
    .innerJoin(certificateTypes, eq(certificateTypes.code, certificates.typeCode))
    .innerJoin(departments, eq(departments.id, certificates.issuerDepartmentId))
    .leftJoin(departmentKeys, eq(departmentKeys.id, certificates.signingKeyId))
    .where(eq(certificates.number, number));
  if (!row) return null;
  const { c } = row;
  // A key of another department cannot vouch for this issuer; a key vouches only for what it
  // signed inside its window (a retired key's signature dated after its retirement is refused).
  const inKeyWindow = row.keyValidFrom !== null && signedInWindow(c.signedAt, { validFrom: row.keyValidFrom, retiredAt: row.keyRetiredAt });
  const valid =
    inKeyWindow &&
    Boolean(c.signature && row.publicKey && row.keyDepartmentId === c.issuerDepartmentId) &&
    verifyFacts(row.publicKey ?? "", { ...c, issuerDepartmentCode: row.issuerCode }, c.signature ?? "");
  if (!reader) {
    // Anyone may verify, as often as they like: the holder's log counts anonymous verifications
    // per certificate and day (one row, bumped atomically) instead of taking a row each.
    await db
      .insert(publicVerificationCounts)
      .values({ certificateId: c.id, day: today, holderCode: c.holderCode, certificateTypeCode: c.typeCode, count: 1, lastAt: now })
      .onConflictDoUpdate({
        target: [publicVerificationCounts.certificateId, publicVerificationCounts.day],
        set: { count: sql`${publicVerificationCounts.count} + 1`, lastAt: now },
      });
  } else {
    const [resource] = await db
      .select({ id: dataResources.id, legalBasis: dataResources.legalBasis })
      .from(dataResources)
      .where(eq(dataResources.certificateTypeCode, c.typeCode));
    await db
      .insert(dataAccessLog)
      .values({
        readerUserId: reader?.userId ?? null,
        readerRole: reader?.role ?? null,
        readerDepartmentId: reader?.departmentId ?? null,
        holderCode: c.holderCode,
        resourceId: resource?.id ?? null,
        certificateTypeCode: c.typeCode,
        applicationId: null,
        purpose: "publicVerification",
        legalBasis: null,
        outcome: "allowed",
        recordCount: 1,
      });
  }
  const isPerson = isPersonHolderCode(c.holderCode);
  return {
    number: c.number,
    typeNameZh: row.typeNameZh,
    typeNameEn: row.typeNameEn,
    issuerNameZh: row.issuerNameZh,
    issuerNameEn: row.issuerNameEn,
    holderName: isPerson ? maskPersonName(c.holderName) : c.holderName,
    holderCodeShown: isPerson ? maskIdNumber(c.holderCode) : c.holderCode,
    holderIsPerson: isPerson,
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
    status: effectiveStatus(c, today),
    revokedAt: c.revokedAt,
    revocationReason: c.revocationReason,
    supersededByNumber: c.supersededByNumber,
    fields: isPerson ? [] : shownCertificateFields(row.typeFields, c.fields),
    signature: { present: Boolean(c.signature), valid, keyId: c.signingKeyId, signedAt: c.signedAt, inKeyWindow },
  };
}

/**
 * The published public keys with their windows: a signature counts when made at or after
 * `validFrom` and before `retiredAt` (null while the key is active). No private key is ever
 * selected here.
 */
export async function publicKeys(db: Db) {
  return db
    .select({
      keyId: departmentKeys.id,
      departmentCode: departments.code,
      departmentNameZh: departments.nameZh,
      departmentNameEn: departments.nameEn,
      publicKey: departmentKeys.publicKey,
      createdAt: departmentKeys.createdAt,
      validFrom: departmentKeys.validFrom,
      retiredAt: departmentKeys.retiredAt,
    })
    .from(departmentKeys)
    .innerJoin(departments, eq(departments.id, departmentKeys.departmentId))
    .orderBy(departments.code, departmentKeys.validFrom, departmentKeys.createdAt)
    .then((rows) => rows.map((r) => ({ ...r, algorithm: "Ed25519" as const })));
}

/**
 * Checks a case document's signature (受理通知书, 决定书 …): the key must be the issuing
 * department's, the signature made inside the key's window, and the payload unchanged. A retired
 * key still vouches for what it signed while it was active.
 */
export async function checkDocumentSignature(
  db: Db,
  input: { departmentId: string; keyId: string; signedAt: Date; payload: Record<string, unknown>; signature: string },
): Promise<{ valid: boolean; inKeyWindow: boolean }> {
  const [key] = await db
    .select({
      publicKey: departmentKeys.publicKey,
      departmentId: departmentKeys.departmentId,
      validFrom: departmentKeys.validFrom,
      retiredAt: departmentKeys.retiredAt,
    })
    .from(departmentKeys)
    .where(eq(departmentKeys.id, input.keyId));
  if (!key || key.departmentId !== input.departmentId) return { valid: false, inKeyWindow: false };
  const inKeyWindow = signedInWindow(input.signedAt, { validFrom: key.validFrom, retiredAt: key.retiredAt });
  return { valid: inKeyWindow && verifyDocumentPayload(key.publicKey, input.payload, input.signature), inKeyWindow };
}

/**
 * A read of a holder's data that is not a certificate (a higher module's records, e.g. credit
 * records) through the same gate: staff state the application they work on (the purpose), their
 * department needs the resource's grant for one of its services on it (or provides it), and the
 * read is logged in the holder's data log, allowed or refused, with the number of records read.
 * `load` runs only when allowed. Returns the records, or the refusal's reason.
 */
export async function readHolderResource<T>(
  db: Db,
  reader: Actor,
  q: { holderCode: string; resourceCode: string; applicationId: string },
  load: () => Promise<T[]>,
): Promise<{ ok: true; records: T[] } | { ok: false; reason: RefusalReason }> {
  const purpose = await checkPurpose(db, reader, q.holderCode, { kind: "application", applicationId: q.applicationId });
  const [resource] = await db
    .select({
      id: dataResources.id,
      providerDepartmentId: dataResources.providerDepartmentId,
      shareType: dataResources.shareType,
      legalBasis: dataResources.legalBasis,
      certificateTypeCode: dataResources.certificateTypeCode,
    })
    .from(dataResources)
    .where(eq(dataResources.code, q.resourceCode));
  const decision: { ok: true; legalBasis: string | null } | { ok: false; reason: RefusalReason } = !purpose.ok
    ? { ok: false, reason: purpose.reason }
    : purpose.consumers === "holder"
      ? { ok: true, legalBasis: null }
      : await checkGrant(db, resource, purpose.consumers);
  const records = decision.ok ? await load() : [];
  const readerRole = reader.agency?.kind === "window" ? "windowClerk" : reader.role;
  const readKey = createHash("sha256")
    .update(
      JSON.stringify([
        reader.userId,
        readerRole,
        purpose.purpose,
        purpose.applicationId,
        `resource:${q.resourceCode}`,
        decision.ok,
        decision.ok ? null : decision.reason,
        records.length,
      ]),
    )
    .digest("base64url");
  await db
    .insert(dataAccessLog)
    .values({
      readerUserId: reader.userId,
      readerRole,
      readerDepartmentId: reader.departmentId,
      holderCode: q.holderCode,
      resourceId: resource?.id ?? null,
      certificateTypeCode: null,
      applicationId: purpose.applicationId,
      purpose: purpose.purpose,
      legalBasis: decision.ok ? decision.legalBasis : null,
      outcome: decision.ok ? ("allowed" as const) : ("refused" as const),
      refusalReason: decision.ok ? null : decision.reason,
      recordCount: records.length,
      readKey,
    })
    .onConflictDoNothing({ target: [dataAccessLog.holderCode, dataAccessLog.readKey] });
  return decision.ok ? { ok: true, records } : { ok: false, reason: decision.reason };
}

/** A certificate as a peer node receives it: the facts its issuer signed, the signature, and the issuer's key. */
export interface PeerCertificate {
  number: string;
  typeCode: string;
  holderCode: string;
  holderName: string;
  issuerDepartmentCode: string;
  issuerNameZh: string;
  issuerNameEn: string;
  issuedOn: string;
  validUntil: string | null;
  status: CertificateStatus;
  /** Every field the issuer signed (the signature covers them all, so none can be left out). */
  fields: Record<string, string>;
  signature: string | null;
  signedAt: string | null;
  /** The issuing department's key that signed it, with its window; null for an unsigned certificate. */
  issuerKey: { keyId: string; publicKey: string; validFrom: string; retiredAt: string | null } | null;
}

export type PeerRefusalReason = "notCatalogued" | "notShared" | "noGrant";

export interface PeerReadQuery {
  /** The region and department of the node that asks (not a department of this node). */
  peerRegion: string;
  peerDepartmentCode: string;
  /** The service of the asking region's catalog the read serves. */
  serviceCode: string;
  holderCode: string;
  typeCodes: readonly string[];
  /** The legal basis the request cites, kept in the holder's log. */
  legalBasis: string;
  /** The request's nonce: the same request logs once. */
  requestId: string;
  today: string;
  at: Date;
}

/**
 * A read of a holder's certificates by a department of another region, through the exchange
 * (issue 14). Each type must be catalogued, shared and granted to that region's department for
 * the service (`foreign_grants`, in force); when one is not, nothing is returned. Every type
 * asked for is logged in the holder's data log with the peer's region and department, allowed or
 * refused. Returns the certificates as their issuers signed them, with the keys that signed them.
 */
export async function readForPeer(
  db: Db,
  q: PeerReadQuery,
): Promise<{ ok: true; certificates: PeerCertificate[] } | { ok: false; typeCode: string; reason: PeerRefusalReason }> {
  const typeCodes = [...new Set(q.typeCodes)];
  const resourceRows = typeCodes.length
    ? await db
        .select({ id: dataResources.id, shareType: dataResources.shareType, certificateTypeCode: dataResources.certificateTypeCode })
        .from(dataResources)
        .where(inArray(dataResources.certificateTypeCode, typeCodes))
    : [];
  const resourceOf = new Map(resourceRows.map((r) => [r.certificateTypeCode, r]));
  const grantRows = resourceRows.length
    ? await db
        .select({ resourceId: foreignGrants.resourceId, serviceCodes: foreignGrants.serviceCodes, purpose: foreignGrants.purpose })
        .from(foreignGrants)
        .where(
          and(
            inArray(
              foreignGrants.resourceId,
              resourceRows.map((r) => r.id),
            ),
            eq(foreignGrants.consumerRegion, q.peerRegion),
            eq(foreignGrants.consumerDepartmentCode, q.peerDepartmentCode),
            eq(foreignGrants.status, grantInForceStatus),
          ),
        )
    : [];
  const decisions = new Map<string, { ok: true; legalBasis: string } | { ok: false; reason: PeerRefusalReason }>();
  for (const typeCode of typeCodes) {
    const resource = resourceOf.get(typeCode);
    if (!resource) decisions.set(typeCode, { ok: false, reason: "notCatalogued" });
    else if (resource.shareType === "notShared") decisions.set(typeCode, { ok: false, reason: "notShared" });
    else {
      const grant = grantRows.find((g) => g.resourceId === resource.id && g.serviceCodes.includes(q.serviceCode));
      decisions.set(typeCode, grant ? { ok: true, legalBasis: q.legalBasis } : { ok: false, reason: "noGrant" });
    }
  }
  const refusal = typeCodes.map((t) => [t, decisions.get(t)] as const).find(([, d]) => d && !d.ok);
  const rows =
    refusal || typeCodes.length === 0
      ? []
      : await db
          .select({
            c: certificates,
            issuerCode: departments.code,
            issuerNameZh: departments.nameZh,
            issuerNameEn: departments.nameEn,
            keyPublic: departmentKeys.publicKey,
            keyValidFrom: departmentKeys.validFrom,
            keyRetiredAt: departmentKeys.retiredAt,
          })
          .from(certificates)
          .innerJoin(departments, eq(departments.id, certificates.issuerDepartmentId))
          .leftJoin(departmentKeys, eq(departmentKeys.id, certificates.signingKeyId))
          .where(and(eq(certificates.holderCode, q.holderCode), inArray(certificates.typeCode, typeCodes)));
  rows.sort((a, b) => b.c.createdAt.getTime() - a.c.createdAt.getTime());
  // One per type, as for a staff read: a valid one before a lapsed or revoked one.
  const best = new Map<string, PeerCertificate>();
  for (const { c, ...r } of rows) {
    const status = effectiveStatus(c, q.today);
    const current = best.get(c.typeCode);
    if (current && !(current.status !== "valid" && status === "valid")) continue;
    best.set(c.typeCode, asPeerCertificate(c, r, status));
  }
  const found = [...best.values()];
  await db
    .insert(dataAccessLog)
    .values(
      typeCodes.map((typeCode) => {
        const d = decisions.get(typeCode);
        const ok = Boolean(d?.ok) && !refusal;
        return {
          at: q.at,
          readerUserId: null,
          readerRole: "peer",
          readerDepartmentId: null,
          holderCode: q.holderCode,
          resourceId: resourceOf.get(typeCode)?.id ?? null,
          certificateTypeCode: typeCode,
          applicationId: null,
          purpose: "crossRegion" as const,
          legalBasis: ok ? q.legalBasis : null,
          outcome: ok ? ("allowed" as const) : ("refused" as const),
          refusalReason: d && !d.ok ? `sharing.refusal.peer.${d.reason}` : ok ? null : "sharing.refusal.peer.requestRefused",
          recordCount: ok ? found.filter((c) => c.typeCode === typeCode).length : 0,
          readKey: createHash("sha256")
            .update(JSON.stringify(["peer", q.peerRegion, q.requestId, typeCode]))
            .digest("base64url"),
          peerRegion: q.peerRegion,
          peerDepartmentCode: q.peerDepartmentCode,
        };
      }),
    )
    .onConflictDoNothing({ target: [dataAccessLog.holderCode, dataAccessLog.readKey] });
  if (refusal) {
    const [typeCode, d] = refusal;
    return { ok: false, typeCode, reason: d && !d.ok ? d.reason : "noGrant" };
  }
  return { ok: true, certificates: found };
}

type PeerRow = {
  c: typeof certificates.$inferSelect;
  issuerCode: string;
  issuerNameZh: string;
  issuerNameEn: string;
  keyPublic: string | null;
  keyValidFrom: Date | null;
  keyRetiredAt: Date | null;
};

function asPeerCertificate(c: PeerRow["c"], r: Omit<PeerRow, "c">, status: CertificateStatus): PeerCertificate {
  return {
    number: c.number,
    typeCode: c.typeCode,
    holderCode: c.holderCode,
    holderName: c.holderName,
    issuerDepartmentCode: r.issuerCode,
    issuerNameZh: r.issuerNameZh,
    issuerNameEn: r.issuerNameEn,
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
    status,
    fields: c.fields,
    signature: c.signature,
    signedAt: c.signedAt?.toISOString() ?? null,
    issuerKey:
      c.signingKeyId && r.keyPublic && r.keyValidFrom
        ? { keyId: c.signingKeyId, publicKey: r.keyPublic, validFrom: r.keyValidFrom.toISOString(), retiredAt: r.keyRetiredAt?.toISOString() ?? null }
        : null,
  };
}

/**
 * A public verification asked by a peer node on behalf of whoever holds a print (issue 14): the
 * same public view as the local verify page (counted the same way, as an anonymous verification),
 * plus the facts as the issuer signed them with the signature and the issuer's key, so the asking
 * node checks the signature itself against this node's published department keys. Null when no
 * certificate has that number.
 */
export async function verifyForPeer(db: Db, number: string, now: Date = new Date()): Promise<{ view: VerificationView; signed: PeerCertificate } | null> {
  const view = await verifyCertificate(db, number, null, now);
  if (!view) return null;
  const [row] = await db
    .select({
      c: certificates,
      issuerCode: departments.code,
      issuerNameZh: departments.nameZh,
      issuerNameEn: departments.nameEn,
      keyPublic: departmentKeys.publicKey,
      keyValidFrom: departmentKeys.validFrom,
      keyRetiredAt: departmentKeys.retiredAt,
    })
    .from(certificates)
    .innerJoin(departments, eq(departments.id, certificates.issuerDepartmentId))
    .leftJoin(departmentKeys, eq(departmentKeys.id, certificates.signingKeyId))
    .where(eq(certificates.number, number));
  if (!row) return null;
  const { c, ...r } = row;
  return { view, signed: asPeerCertificate(c, r, view.status) };
}
