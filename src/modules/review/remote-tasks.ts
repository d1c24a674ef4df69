import { and, eq, notExists } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { jointParts } from "../applications/schema";
import { reviewTasks } from "./schema";

/**
 * A task this node's department decides, not a step a partner region decides on its own node
 * (多地联办: the lead keeps a remote task that only the partner's signed updates move). Remote
 * tasks are in no local queue, and no local clock reminds, escalates or deems them approved:
 * the partner's deadline scan does that for its part.
 */
export function onThisNode(db: Db) {
  return notExists(
    db
      .select({ id: jointParts.id })
      .from(jointParts)
      .where(and(eq(jointParts.side, "lead"), eq(jointParts.taskId, reviewTasks.id))),
  );
}
