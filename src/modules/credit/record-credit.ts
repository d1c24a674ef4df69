import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { validateCreditCode } from "../identity/credit-code";
import type { Actor } from "../identity/model";
import { citizens, entities } from "../identity/schema";
import { ZRecordCreditInput, type RecordCreditFormInput } from "./inputs";
import { initialCreditRecordStatus, publicationPeriod, type CreditAuditAction, type CreditRecordKind, type PenaltySeverity } from "./model";
import { creditRecords } from "./schema";
import { creditStream, type CreditRecordRow } from "./transition";

/** What any module gives to write a credit record (a licence, a broken commitment, an inspection result…). */
export interface CreditRecordInput {
  kind: CreditRecordKind;
  /** A credit code (an enterprise) or an ID number (a person). */
  subjectCode: string;
  subjectName: string;
  /** The source department (认定部门). */
  departmentId: string;
  title: string;
  content: string;
  legalBasis: string;
  documentNumber?: string | null;
  severity?: PenaltySeverity | null;
  decidedOn: string;
  validFrom?: string | null;
  validUntil?: string | null;
  /** Written once: a second call with the same key returns the first record. */
  sourceKey?: string | null;
  sourceApplicationId?: string | null;
  /** Null for a record the system writes (a decision, a job). */
  recordedBy?: Actor | null;
}

/**
 * Writes a credit record, active, with its publication window (`publicationPeriod`, model.ts) and
 * its audit event, in the caller's transaction (or its own). The legal basis is required. Called by
 * the department's page (`recordByDepartment`) and by the modules whose decisions make records:
 * licensing decisions (an effect wired at the root), and later commitments and inspections.
 */
export async function recordCredit(db: Db, input: CreditRecordInput, now: Date = new Date()): Promise<CreditRecordRow> {
  if (input.legalBasis.trim() === "") throw new DomainError("invalidInput", "credit.errors.legalBasis", { field: "legalBasis" });
  const subjectKind = validateCreditCode(input.subjectCode).valid ? "entity" : "person";
  const severity = input.kind === "administrativePenalty" ? (input.severity ?? "general") : null;
  const validUntil = input.validUntil ?? null;
  const window = publicationPeriod({ kind: input.kind, subjectKind, severity, decidedOn: input.decidedOn, validUntil });
  return db.transaction(async (tx) => {
    if (input.sourceKey) {
      const [existing] = await tx.select().from(creditRecords).where(eq(creditRecords.sourceKey, input.sourceKey));
      if (existing) return existing;
    }
    const id = randomUUID();
    const [row] = await tx
      .insert(creditRecords)
      .values({
        id,
        lineageId: id,
        recordVersion: 1,
        kind: input.kind,
        subjectKind,
        subjectCode: input.subjectCode,
        subjectName: input.subjectName,
        departmentId: input.departmentId,
        title: input.title,
        content: input.content,
        documentNumber: input.documentNumber ?? null,
        legalBasis: input.legalBasis,
        severity,
        decidedOn: input.decidedOn,
        validFrom: input.validFrom ?? input.decidedOn,
        validUntil,
        publishedFrom: window?.from ?? null,
        publishedUntil: window?.until ?? null,
        status: initialCreditRecordStatus,
        sourceKey: input.sourceKey ?? null,
        sourceApplicationId: input.sourceApplicationId ?? null,
        recordedBy: input.recordedBy?.userId ?? null,
        recordedAt: now,
      })
      .onConflictDoNothing({ target: creditRecords.sourceKey })
      .returning();
    if (!row) {
      // Another transaction wrote the same source key first.
      const [existing] = await tx
        .select()
        .from(creditRecords)
        .where(eq(creditRecords.sourceKey, input.sourceKey ?? ""));
      if (!existing) throw new DomainError("conflict", "errors.conflict");
      return existing;
    }
    await recordAudit<CreditAuditAction>(tx, {
      streamId: creditStream(row.lineageId),
      actor: input.recordedBy ? { userId: input.recordedBy.userId, role: input.recordedBy.role } : null,
      action: "creditRecord.record",
      entityType: "creditRecord",
      entityId: row.id,
      to: row.status,
      data: { kind: row.kind, departmentId: row.departmentId, decidedOn: row.decidedOn, publishedUntil: row.publishedUntil },
      at: now,
    });
    return row;
  });
}

/** The subject's registered name: an enterprise by its credit code, a citizen by ID number; unknown is a field error. */
async function subjectName(db: Db, code: string): Promise<string> {
  if (validateCreditCode(code).valid) {
    const [e] = await db.select({ name: entities.name }).from(entities).where(eq(entities.creditCode, code));
    if (e) return e.name;
  } else {
    const [c] = await db.select({ name: citizens.name }).from(citizens).where(eq(citizens.idNumber, code));
    if (c) return c.name;
  }
  throw new DomainError("invalidInput", "credit.errors.unknownSubject", { field: "subjectCode" });
}

/**
 * A department records a penalty, an honour or a dishonesty-list entry on its page. Any reviewer of
 * the department (its head included) records for that department, never for another; the subject
 * must be known to the portal (its name comes from the register, not the form).
 */
export async function recordByDepartment(db: Db, actor: Actor, raw: RecordCreditFormInput, now: Date = new Date()): Promise<{ id: string }> {
  const input = ZRecordCreditInput.parse(raw);
  if (actor.role !== "reviewer" || !actor.departmentId) throw new DomainError("forbidden", "errors.forbidden");
  if (input.decidedOn > shanghaiDate(now)) throw new DomainError("invalidInput", "credit.errors.future", { field: "decidedOn" });
  const departmentId = actor.departmentId;
  return db.transaction(async (tx) => {
    const name = await subjectName(tx, input.subjectCode);
    const row = await recordCredit(
      tx,
      {
        kind: input.kind,
        subjectCode: input.subjectCode,
        subjectName: name,
        departmentId,
        title: input.title,
        content: input.content,
        legalBasis: input.legalBasis,
        documentNumber: input.documentNumber ?? null,
        severity: input.severity ?? null,
        decidedOn: input.decidedOn,
        validUntil: input.validUntil ?? null,
        recordedBy: actor,
      },
      now,
    );
    return { id: row.id };
  });
}
