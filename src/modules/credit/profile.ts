import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { departments, entities } from "../identity/schema";
import { readHolderResource } from "../sharing/gate";
import type { z } from "zod";
import type { ZStaffProfileInput } from "./inputs";
import { creditResourceCode, isAnswerLate, isExpiredRecord, isOpenObjection, isOpenRepair, isPublicRecord, repairableFrom, repairBlock } from "./model";
import { creditObjections, creditRecords, creditRepairs } from "./schema";
import { actorSubject } from "./subject";
import type { CreditProfileView, CreditRecordView, ObjectionView, PublicCreditProfile, PublicCreditRecord, RepairView } from "./views";

type RecordRow = typeof creditRecords.$inferSelect;
type Dept = { nameZh: string; nameEn: string };

function recordView(r: RecordRow, dept: Dept | undefined, today: string, openObjection: boolean, openRepair: boolean): CreditRecordView {
  return {
    id: r.id,
    lineageId: r.lineageId,
    recordVersion: r.recordVersion,
    previousId: r.previousId,
    kind: r.kind,
    subjectKind: r.subjectKind,
    subjectName: r.subjectName,
    departmentZh: dept?.nameZh ?? "",
    departmentEn: dept?.nameEn ?? "",
    title: r.title,
    content: r.content,
    documentNumber: r.documentNumber,
    legalBasis: r.legalBasis,
    severity: r.severity,
    decidedOn: r.decidedOn,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    publishedFrom: r.publishedFrom,
    publishedUntil: r.publishedUntil,
    status: r.status,
    expired: isExpiredRecord(r, today),
    publicNow: isPublicRecord(r, today),
    repairableFrom: repairableFrom(r),
    repairBlock: repairBlock(r, today),
    hasOpenObjection: openObjection,
    hasOpenRepair: openRepair,
  };
}

function objectionView(o: typeof creditObjections.$inferSelect, today: string): ObjectionView {
  return {
    id: o.id,
    recordId: o.recordId,
    version: o.version,
    status: o.status,
    reason: o.reason,
    filedOn: o.filedOn,
    dueOn: o.dueOn,
    late: isAnswerLate(o.dueOn, o.answeredOn, today),
    answer: o.answer,
    answeredOn: o.answeredOn,
    correctedRecordId: o.correctedRecordId,
  };
}

function repairView(r: typeof creditRepairs.$inferSelect, today: string): RepairView {
  return {
    id: r.id,
    recordId: r.recordId,
    version: r.version,
    status: r.status,
    reason: r.reason,
    appliedOn: r.appliedOn,
    dueOn: r.dueOn,
    late: isAnswerLate(r.dueOn, r.decidedOn, today),
    decisionReason: r.decisionReason,
    decidedOn: r.decidedOn,
  };
}

async function departmentNames(db: Db, ids: readonly string[]): Promise<Map<string, Dept>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn })
    .from(departments)
    .where(inArray(departments.id, [...new Set(ids)]));
  return new Map(rows.map((d) => [d.id, d]));
}

/** Record views of rows, with their departments and whether an objection or repair is open on each. */
export async function recordViews(db: Db, rows: readonly RecordRow[], today: string): Promise<CreditRecordView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [depts, objections, repairs] = await Promise.all([
    departmentNames(
      db,
      rows.map((r) => r.departmentId),
    ),
    db.select({ recordId: creditObjections.recordId, status: creditObjections.status }).from(creditObjections).where(inArray(creditObjections.recordId, ids)),
    db.select({ recordId: creditRepairs.recordId, status: creditRepairs.status }).from(creditRepairs).where(inArray(creditRepairs.recordId, ids)),
  ]);
  const openObj = new Set(objections.filter((o) => isOpenObjection(o.status)).map((o) => o.recordId));
  const openRep = new Set(repairs.filter((o) => isOpenRepair(o.status)).map((o) => o.recordId));
  return rows.map((r) => recordView(r, depts.get(r.departmentId), today, openObj.has(r.id), openRep.has(r.id)));
}

/**
 * A subject's whole credit profile on `now`: every record and every version (published, withdrawn
 * or never published), newest decision first and the versions of a record together (newest
 * first), with its objections and repairs. No access check: the callers are the subject's own
 * page, the gate's staff read, and other modules' use cases (risk classes, exclusions).
 */
export async function creditProfile(db: Db, subjectCode: string, now: Date = new Date()): Promise<CreditProfileView> {
  const today = shanghaiDate(now);
  const rows = await db
    .select()
    .from(creditRecords)
    .where(eq(creditRecords.subjectCode, subjectCode))
    .orderBy(desc(creditRecords.decidedOn), creditRecords.lineageId, desc(creditRecords.recordVersion));
  const [records, objections, repairs] = await Promise.all([
    recordViews(db, rows, today),
    db.select().from(creditObjections).where(eq(creditObjections.subjectCode, subjectCode)).orderBy(desc(creditObjections.filedAt), creditObjections.id),
    db.select().from(creditRepairs).where(eq(creditRepairs.subjectCode, subjectCode)).orderBy(desc(creditRepairs.appliedAt), creditRepairs.id),
  ]);
  return { records, objections: objections.map((o) => objectionView(o, today)), repairs: repairs.map((r) => repairView(r, today)) };
}

/** The subject's own profile: the enterprise acted for, or the citizen themself. */
export async function myCreditProfile(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<CreditProfileView & { subjectName: string; publicCode: string | null }> {
  const subject = await actorSubject(db, actor);
  // The enterprise's credit code links its public page; a person has none (and no ID number is sent back).
  return { ...(await creditProfile(db, subject.code, now)), subjectName: subject.name, publicCode: subject.kind === "enterprise" ? subject.code : null };
}

/**
 * The public part of an enterprise's profile (/credit/<code>, the open JSON): the current version
 * of each record inside its publication window; a withdrawn or corrected one does not show.
 * Only enterprises, by credit code: no person's record, name or number is published here. Null
 * when the code is neither a registered enterprise nor the subject of any record.
 */
export async function publicCreditProfile(db: Db, code: string, now: Date = new Date()): Promise<PublicCreditProfile | null> {
  const today = shanghaiDate(now);
  const [entity] = await db.select({ name: entities.name }).from(entities).where(eq(entities.creditCode, code));
  const rows = await db
    .select({ r: creditRecords, departmentZh: departments.nameZh, departmentEn: departments.nameEn })
    .from(creditRecords)
    .innerJoin(departments, eq(departments.id, creditRecords.departmentId))
    .where(and(eq(creditRecords.subjectCode, code), eq(creditRecords.subjectKind, "entity")))
    .orderBy(desc(creditRecords.decidedOn), asc(creditRecords.id));
  if (!entity && rows.length === 0) return null;
  const records: PublicCreditRecord[] = rows
    .filter(({ r }) => isPublicRecord(r, today))
    .map(({ r, departmentZh, departmentEn }) => ({
      kind: r.kind,
      title: r.title,
      content: r.content,
      documentNumber: r.documentNumber,
      legalBasis: r.legalBasis,
      severity: r.severity,
      decidedOn: r.decidedOn,
      validUntil: r.validUntil,
      publishedUntil: r.publishedUntil,
      departmentZh,
      departmentEn,
      recordVersion: r.recordVersion,
    }));
  return { creditCode: code, name: entity?.name ?? rows[0]!.r.subjectName, records };
}

/**
 * Staff read a holder's whole profile through the sharing module's gate: the purpose (a task of
 * their department on an application of that holder, or the window while it awaits acceptance),
 * the grant of the credit resource, and a row in the holder's data log, allowed or refused.
 */
export async function staffCreditProfile(db: Db, actor: Actor, input: z.output<typeof ZStaffProfileInput>, now: Date = new Date()): Promise<CreditProfileView> {
  let profile: CreditProfileView | null = null;
  const result = await readHolderResource(
    db,
    actor,
    { holderCode: input.holderCode, resourceCode: creditResourceCode, applicationId: input.applicationId },
    async () => {
      profile = await creditProfile(db, input.holderCode, now);
      return profile.records;
    },
  );
  // The refusal's reason is in the holder's data log; the reader is told only that it was refused.
  if (!result.ok || !profile) throw new DomainError("forbidden", "errors.forbidden");
  return profile;
}
