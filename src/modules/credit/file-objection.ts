import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { cachedCalendar } from "../calendar/load-calendar";
import { addWorkingDays } from "../calendar/model";
import type { Actor } from "../identity/model";
import { ZFileObjectionInput, type FileObjectionInput } from "./inputs";
import { creditAnswerWorkingDays, initialObjectionStatus, isCurrentRecord, type CreditAuditAction } from "./model";
import { creditObjections } from "./schema";
import { assertOwnRecord } from "./subject";
import { creditStream, lockRecord } from "./transition";

/**
 * The subject objects to a record of theirs (异议): the enterprise acting for its credit code, or
 * the citizen for themself — never to another's record (answered as not found). Only the current
 * version takes an objection, one open at a time; the source department answers within 5 working
 * days on the official calendar.
 */
export async function fileObjection(db: Db, actor: Actor, raw: FileObjectionInput, now: Date = new Date()): Promise<{ id: string; dueOn: string }> {
  const input = ZFileObjectionInput.parse(raw);
  const cal = await cachedCalendar(db, now.getTime());
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, input.recordId);
    await assertOwnRecord(tx, actor, record);
    if (!isCurrentRecord(record.status)) throw new DomainError("conflict", "credit.errors.notCurrent", { field: "recordId" });
    const [open] = await tx
      .select({ id: creditObjections.id })
      .from(creditObjections)
      .where(and(eq(creditObjections.recordId, record.id), eq(creditObjections.status, initialObjectionStatus)));
    if (open) throw new DomainError("conflict", "credit.errors.objectionOpen", { field: "recordId" });
    const filedOn = shanghaiDate(now);
    const dueOn = addWorkingDays(cal, filedOn, creditAnswerWorkingDays);
    const [row] = await tx
      .insert(creditObjections)
      .values({
        recordId: record.id,
        lineageId: record.lineageId,
        subjectCode: record.subjectCode,
        departmentId: record.departmentId,
        status: initialObjectionStatus,
        reason: input.reason,
        filedBy: actor.userId,
        filedAt: now,
        filedOn,
        dueOn,
      })
      .returning();
    await recordAudit<CreditAuditAction>(tx, {
      streamId: creditStream(record.lineageId),
      actor: { userId: actor.userId, role: actor.role },
      action: "creditObjection.file",
      entityType: "creditObjection",
      entityId: row!.id,
      to: row!.status,
      data: { recordId: record.id, dueOn },
      at: now,
    });
    return { id: row!.id, dueOn };
  });
}
