import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { nextJointPartStatus, type JointPartEvent } from "./model";
import { jointParts } from "./schema";

type JointPartRow = typeof jointParts.$inferSelect;

/**
 * Moves a joint part by one event of its machine (the only writer of its status), by
 * compare-and-set on the status: null when it had already moved.
 */
export async function moveJointPart(
  tx: Db,
  part: JointPartRow,
  event: JointPartEvent,
  patch: Partial<typeof jointParts.$inferInsert>,
): Promise<JointPartRow | null> {
  const to = nextJointPartStatus(part.status, event);
  const [moved] = await tx
    .update(jointParts)
    .set({ ...patch, status: to })
    .where(and(eq(jointParts.id, part.id), eq(jointParts.status, part.status)))
    .returning();
  return moved ?? null;
}
