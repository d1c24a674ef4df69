import { desc, eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { initialObjectionStatus, initialRepairStatus, isAnswerLate } from "./model";
import { recordViews } from "./profile";
import { creditObjections, creditRecords, creditRepairs } from "./schema";
import type { DepartmentCreditView } from "./views";

/**
 * A department's credit work: objections and repair applications to answer (open ones first, by
 * due day, then the last answered), and the records it recorded lately. Its own records only.
 */
export async function departmentCredit(db: Db, actor: Actor, now: Date = new Date(), limit = 50): Promise<DepartmentCreditView> {
  if (actor.role !== "reviewer" || !actor.departmentId) throw new DomainError("forbidden", "errors.forbidden");
  const dept = actor.departmentId;
  const today = shanghaiDate(now);
  const [objections, repairs, recorded] = await Promise.all([
    db.select().from(creditObjections).where(eq(creditObjections.departmentId, dept)).orderBy(desc(creditObjections.filedAt)).limit(limit),
    db.select().from(creditRepairs).where(eq(creditRepairs.departmentId, dept)).orderBy(desc(creditRepairs.appliedAt)).limit(limit),
    db.select().from(creditRecords).where(eq(creditRecords.departmentId, dept)).orderBy(desc(creditRecords.recordedAt)).limit(limit),
  ]);
  const recordIds = [...new Set([...objections.map((o) => o.recordId), ...repairs.map((r) => r.recordId)])];
  const targets = recordIds.length ? await db.select().from(creditRecords).where(inArray(creditRecords.id, recordIds)) : [];
  const views = new Map((await recordViews(db, targets, today)).map((v) => [v.id, v]));
  const open = (s: string, initial: string) => (s === initial ? 0 : 1);
  return {
    objections: objections
      .flatMap((o) => {
        const record = views.get(o.recordId);
        return record
          ? [
              {
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
                record,
              },
            ]
          : [];
      })
      .sort((a, b) => open(a.status, initialObjectionStatus) - open(b.status, initialObjectionStatus) || a.dueOn.localeCompare(b.dueOn)),
    repairs: repairs
      .flatMap((r) => {
        const record = views.get(r.recordId);
        return record
          ? [
              {
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
                record,
              },
            ]
          : [];
      })
      .sort((a, b) => open(a.status, initialRepairStatus) - open(b.status, initialRepairStatus) || a.dueOn.localeCompare(b.dueOn)),
    recorded: await recordViews(db, recorded, today),
  };
}
