import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { nextJointOutboxStatus, type JointOutboxEvent } from "./model";
import { jointOutbox } from "./schema";

type JointOutboxRow = typeof jointOutbox.$inferSelect;

/**
 * Moves an outbox message by one event of its machine (the only writer of its status), by
 * compare-and-set on the status: null when another node recorded the result first.
 */
export async function moveOutbox(
  tx: Db,
  row: JointOutboxRow,
  event: JointOutboxEvent,
  patch: Partial<typeof jointOutbox.$inferInsert>,
): Promise<JointOutboxRow | null> {
  const to = nextJointOutboxStatus(row.status, event);
  const [moved] = await tx
    .update(jointOutbox)
    .set({ ...patch, status: to })
    .where(and(eq(jointOutbox.id, row.id), eq(jointOutbox.status, row.status)))
    .returning();
  return moved ?? null;
}
