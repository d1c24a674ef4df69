import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { ZDecideRepairInput, type DecideRepairInput } from "./inputs";
import { dayBefore } from "./model";
import { loadRepair, moveRepair } from "./repair-transition";
import { assertSourceDepartment, lockRecord, moveRecord } from "./transition";

/**
 * The source department decides a repair: granted, the record ends (`repaired`) and its publication
 * ends the day before (withdrawn from public view at once, kept for the subject and staff);
 * refused, the record stands and the reason is given. One transaction, audited.
 */
export async function decideRepair(db: Db, actor: Actor, raw: DecideRepairInput, now: Date = new Date()): Promise<{ version: number }> {
  const input = ZDecideRepairInput.parse(raw);
  return db.transaction(async (tx) => {
    const repair = await loadRepair(tx, input.repairId);
    assertSourceDepartment(actor, repair.departmentId, "repairId");
    const record = await lockRecord(tx, repair.recordId);
    const decidedOn = shanghaiDate(now);
    if (input.decision === "grant") {
      const until = record.publishedFrom !== null ? dayBefore(decidedOn) : null;
      await moveRecord(
        tx,
        record,
        "repair",
        { publishedUntil: until !== null && (record.publishedUntil === null || until < record.publishedUntil) ? until : record.publishedUntil },
        actor,
        now,
        { repairId: repair.id },
      );
    }
    const row = await moveRepair(
      tx,
      repair,
      record.lineageId,
      input.version,
      input.decision,
      { decisionReason: input.reason, decidedBy: actor.userId, decidedAt: now, decidedOn },
      actor,
      now,
      { dueOn: repair.dueOn, decidedOn, late: decidedOn > repair.dueOn },
    );
    return { version: row.version };
  });
}
