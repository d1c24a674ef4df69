import { randomUUID } from "node:crypto";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { ZAnswerObjectionInput, type AnswerObjectionInput } from "./inputs";
import { initialCreditRecordStatus, publicationPeriod, type CreditAuditAction } from "./model";
import { creditRecords } from "./schema";
import { loadObjection, moveObjection } from "./objection-transition";
import { assertSourceDepartment, creditStream, lockRecord, moveRecord } from "./transition";

/**
 * The source department answers an objection. `correct`: the record is replaced by a new version
 * with the corrected particulars (same lineage, version + 1, linked to the old one, its publication
 * window recomputed), and the old version is kept as `corrected`; `uphold`: the record stands and
 * the reason is given. Any reviewer of the department (its head included) may answer; an answer
 * after the due day is accepted and shown late. One transaction, audited.
 */
export async function answerObjection(
  db: Db,
  actor: Actor,
  raw: AnswerObjectionInput,
  now: Date = new Date(),
): Promise<{ version: number; correctedRecordId: string | null }> {
  const input = ZAnswerObjectionInput.parse(raw);
  return db.transaction(async (tx) => {
    const objection = await loadObjection(tx, input.objectionId);
    assertSourceDepartment(actor, objection.departmentId, "objectionId");
    const answeredOn = shanghaiDate(now);
    const common = { answer: input.answer, answeredBy: actor.userId, answeredAt: now, answeredOn };
    const data = { dueOn: objection.dueOn, answeredOn, late: answeredOn > objection.dueOn };
    if (input.outcome === "uphold") {
      const row = await moveObjection(tx, objection, input.version, "uphold", common, actor, now, data);
      return { version: row.version, correctedRecordId: null };
    }
    const old = await lockRecord(tx, objection.recordId);
    const c = input.correction ?? {};
    const next = {
      title: c.title ?? old.title,
      content: c.content ?? old.content,
      legalBasis: c.legalBasis ?? old.legalBasis,
      documentNumber: c.documentNumber ?? old.documentNumber,
      severity: old.kind === "administrativePenalty" ? (c.severity ?? old.severity) : null,
      decidedOn: c.decidedOn ?? old.decidedOn,
      validUntil: c.validUntil ?? old.validUntil,
    };
    if (next.validUntil && next.validUntil < next.decidedOn) throw new DomainError("invalidInput", "credit.errors.range", { field: "correction.validUntil" });
    const window = publicationPeriod({
      kind: old.kind,
      subjectKind: old.subjectKind,
      severity: next.severity,
      decidedOn: next.decidedOn,
      validUntil: next.validUntil,
    });
    const id = randomUUID();
    // The old version first (compare-and-set: a concurrent correction or repair of it conflicts).
    await moveRecord(tx, old, "correct", {}, actor, now, { objectionId: objection.id, correctedBy: id });
    const [created] = await tx
      .insert(creditRecords)
      .values({
        ...old,
        ...next,
        id,
        recordVersion: old.recordVersion + 1,
        previousId: old.id,
        validFrom: next.decidedOn > old.validFrom ? next.decidedOn : old.validFrom,
        publishedFrom: window?.from ?? null,
        publishedUntil: window?.until ?? null,
        status: initialCreditRecordStatus,
        version: 1,
        sourceKey: null,
        recordedBy: actor.userId,
        recordedAt: now,
        endedAt: null,
      })
      .returning();
    await recordAudit<CreditAuditAction>(tx, {
      streamId: creditStream(old.lineageId),
      actor: { userId: actor.userId, role: actor.role },
      action: "creditRecord.record",
      entityType: "creditRecord",
      entityId: created!.id,
      to: created!.status,
      data: { correctionOf: old.id, recordVersion: created!.recordVersion, objectionId: objection.id },
      at: now,
    });
    const row = await moveObjection(tx, objection, input.version, "correct", { ...common, correctedRecordId: id }, actor, now, {
      ...data,
      correctedRecordId: id,
    });
    return { version: row.version, correctedRecordId: id };
  });
}
