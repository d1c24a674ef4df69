import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { users } from "../identity/schema";
import { loadOwnTask } from "./claim-task";
import { countersigns } from "./schema";

/**
 * A task with an unanswered countersign (加签) cannot be decided, transferred or returned: the
 * countersigner's opinion comes first. Called inside the operation's transaction, after the
 * application's lock, so a countersign asked for meanwhile is seen.
 */
export async function assertNoPendingCountersign(tx: Db, taskId: string): Promise<void> {
  const [pending] = await tx
    .select({ id: countersigns.id })
    .from(countersigns)
    .where(and(eq(countersigns.taskId, taskId), isNull(countersigns.answeredAt)))
    .limit(1);
  if (pending) throw new DomainError("illegalTransition", "review.ops.errors.countersignPending");
}

const requester = alias(users, "requester");
const countersigner = alias(users, "countersigner");

/** A task's countersigns, oldest first, with the names of who asked and who answers (a reviewer of its department reads them). */
export async function listCountersigns(db: Db, actor: Actor, taskId: string) {
  const task = await loadOwnTask(db, actor, taskId);
  const rows = await db
    .select({ c: countersigns, requesterName: requester.displayName, countersignerName: countersigner.displayName })
    .from(countersigns)
    .innerJoin(requester, eq(requester.id, countersigns.requestedBy))
    .innerJoin(countersigner, eq(countersigner.id, countersigns.countersignerId))
    .where(eq(countersigns.taskId, task.id))
    .orderBy(asc(countersigns.requestedAt));
  return rows.map(({ c, requesterName, countersignerName }) => ({
    id: c.id,
    requesterName,
    countersignerName,
    reason: c.reason,
    requestedAt: c.requestedAt,
    opinion: c.opinion,
    opinionText: c.opinionText,
    answeredAt: c.answeredAt,
    /** The signed-in reviewer is asked and has not answered yet. */
    mine: c.countersignerId === actor.userId && c.answeredAt === null,
  }));
}
