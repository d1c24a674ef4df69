import { asc, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { assertMayView } from "../applications/get-application";
import { applications } from "../applications/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { checkDocumentSignature, maskPersonName } from "../sharing/gate";
import { documentPayload } from "./model";
import { caseDocuments } from "./schema";
import { payloadDigest, type CaseDocumentSummary, type CaseDocumentView, type DocumentVerificationView } from "./views";

type DocumentRow = typeof caseDocuments.$inferSelect;

function summary(d: DocumentRow): CaseDocumentSummary {
  return {
    id: d.id,
    number: d.number,
    kind: d.kind,
    titleZh: d.content.title.zh,
    titleEn: d.content.title.en,
    issuerNameZh: d.content.issuer.zh,
    issuerNameEn: d.content.issuer.en,
    issuedOn: d.content.issuedOn,
  };
}

/** Recomputes the issuer's signature over the stored document: any changed fact fails it. */
async function checkSignature(db: Db, d: DocumentRow, issuerCode: string): Promise<CaseDocumentView["signature"]> {
  const payload = documentPayload({
    number: d.number,
    kind: d.kind,
    applicationId: d.applicationId,
    issuerDepartmentCode: issuerCode,
    signedAt: d.signedAt,
    content: d.content,
  });
  const check = await checkDocumentSignature(db, {
    departmentId: d.issuerDepartmentId,
    keyId: d.signingKeyId,
    signedAt: d.signedAt,
    payload,
    signature: d.signature,
  });
  return { ...check, keyId: d.signingKeyId, signedAt: d.signedAt, digest: payloadDigest(payload) };
}

async function loadApplication(db: Db, applicationId: string) {
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) throw new DomainError("notFound", "errors.notFound");
  return app;
}

/** The documents of a case, oldest first, for whoever may see the case (its applicant, the window, its reviewers). */
export async function listCaseDocuments(db: Db, actor: Actor, applicationId: string): Promise<CaseDocumentSummary[]> {
  await assertMayView(db, await loadApplication(db, applicationId), actor);
  const rows = await db
    .select()
    .from(caseDocuments)
    .where(eq(caseDocuments.applicationId, applicationId))
    .orderBy(asc(caseDocuments.signedAt), asc(caseDocuments.number));
  return rows.map(summary);
}

/** One document in full, with its signature checked, for whoever may see its case. */
export async function getCaseDocument(db: Db, actor: Actor, documentId: string): Promise<CaseDocumentView> {
  const [row] = await db
    .select({ d: caseDocuments, issuerCode: departments.code })
    .from(caseDocuments)
    .innerJoin(departments, eq(departments.id, caseDocuments.issuerDepartmentId))
    .where(eq(caseDocuments.id, documentId));
  if (!row) throw new DomainError("notFound", "errors.notFound");
  // The same answer whether the document does not exist or belongs to a case the actor may not see.
  await assertMayView(db, await loadApplication(db, row.d.applicationId), actor);
  return { ...summary(row.d), applicationId: row.d.applicationId, content: row.d.content, signature: await checkSignature(db, row.d, row.issuerCode) };
}

/**
 * Public verification of a document by its number (the QR code on the print leads here): the
 * signature recomputed over the stored facts, with the applicant's personal number masked. Null
 * when no document has that number.
 */
export async function verifyCaseDocument(db: Db, number: string): Promise<DocumentVerificationView | null> {
  const [row] = await db
    .select({ d: caseDocuments, issuerCode: departments.code })
    .from(caseDocuments)
    .innerJoin(departments, eq(departments.id, caseDocuments.issuerDepartmentId))
    .where(eq(caseDocuments.number, number));
  if (!row) return null;
  const { d } = row;
  const { id: _id, ...rest } = summary(d);
  return {
    ...rest,
    trackingNumber: d.content.trackingNumber,
    subjectZh: d.content.subject.zh,
    subjectEn: d.content.subject.en,
    applicantName: d.content.applicantIsPerson ? maskPersonName(d.content.applicantName) : d.content.applicantName,
    applicantCode: d.content.applicantCode,
    signature: await checkSignature(db, d, row.issuerCode),
  };
}
