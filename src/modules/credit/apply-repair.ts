import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { cachedCalendar } from "../calendar/load-calendar";
import { addWorkingDays } from "../calendar/model";
import type { Actor } from "../identity/model";
import { ZApplyRepairInput, type ApplyRepairInput } from "./inputs";
import { creditAnswerWorkingDays, initialRepairStatus, repairBlock, type CreditAuditAction } from "./model";
import { creditRepairs } from "./schema";
import { assertOwnRecord } from "./subject";
import { creditStream, lockRecord } from "./transition";

/**
 * The subject applies for credit repair (信用修复) of a record of theirs, where the rules allow it
 * (`repairBlock`: a record of dishonesty, current, past its minimum publication period), one
 * application open at a time. The source department decides within 5 working days.
 */
export async function applyForRepair(db: Db, actor: Actor, raw: ApplyRepairInput, now: Date = new Date()): Promise<{ id: string; dueOn: string }> {
  const input = ZApplyRepairInput.parse(raw);
  const cal = await cachedCalendar(db, now.getTime());
  return db.transaction(async (tx) => {
    const record = await lockRecord(tx, input.recordId);
    await assertOwnRecord(tx, actor, record);
    const today = shanghaiDate(now);
    const block = repairBlock(record, today);
    if (block) throw new DomainError("conflict", `credit.errors.repair.${block}`, { field: "recordId" });
    const [open] = await tx
      .select({ id: creditRepairs.id })
      .from(creditRepairs)
      .where(and(eq(creditRepairs.recordId, record.id), eq(creditRepairs.status, initialRepairStatus)));
    if (open) throw new DomainError("conflict", "credit.errors.repairOpen", { field: "recordId" });
    const dueOn = addWorkingDays(cal, today, creditAnswerWorkingDays);
    const [row] = await tx
      .insert(creditRepairs)
      .values({
        recordId: record.id,
        subjectCode: record.subjectCode,
        departmentId: record.departmentId,
        status: initialRepairStatus,
        reason: input.reason,
        appliedBy: actor.userId,
        appliedAt: now,
        appliedOn: today,
        dueOn,
      })
      .returning();
    await recordAudit<CreditAuditAction>(tx, {
      streamId: creditStream(record.lineageId),
      actor: { userId: actor.userId, role: actor.role },
      action: "creditRepair.apply",
      entityType: "creditRepair",
      entityId: row!.id,
      to: row!.status,
      data: { recordId: record.id, dueOn },
      at: now,
    });
    return { id: row!.id, dueOn };
  });
}
