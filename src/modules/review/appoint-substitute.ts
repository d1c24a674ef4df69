import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { requireColleague, requireHead } from "./head";
import type { TaskAuditAction } from "./model";
import type { ZAppointSubstituteInput } from "./ops-inputs";
import { substitutes } from "./schema";

/**
 * The head of a department names a substitute (代岗) for an absent reviewer for a range of days:
 * both must be reviewers of the head's department (the substitute an active one), and not the same
 * person (field errors, nothing written). Audited on the organisation's stream, in one transaction.
 */
export async function appointSubstitute(db: Db, actor: Actor, input: z.output<typeof ZAppointSubstituteInput>, now: Date = new Date()) {
  requireHead(actor);
  if (input.absentUserId === input.substituteUserId) throw new DomainError("invalidInput", "review.ops.errors.substituteSelf", { field: "substituteUserId" });
  return db.transaction(async (tx) => {
    await requireColleague(tx, input.absentUserId, actor.departmentId, "absentUserId");
    await requireColleague(tx, input.substituteUserId, actor.departmentId, "substituteUserId");
    const [row] = await tx
      .insert(substitutes)
      .values({
        departmentId: actor.departmentId,
        absentUserId: input.absentUserId,
        substituteUserId: input.substituteUserId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        reason: input.reason,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error("substitute not stored");
    await recordAudit<TaskAuditAction>(tx, {
      streamId: "organisation",
      actor: { userId: actor.userId, role: actor.role },
      action: "substitute.appoint",
      entityType: "substitute",
      entityId: row.id,
      data: {
        departmentId: actor.departmentId,
        absentUserId: row.absentUserId,
        substituteUserId: row.substituteUserId,
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        reason: row.reason,
      },
      at: now,
    });
    return { id: row.id };
  });
}
