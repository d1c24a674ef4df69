import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "./transition";
import { applications } from "./schema";

/**
 * Notes on a start-a-business application the entity its approval registered, so the later steps
 * act for it. Not a status change: the application stays under review. Runs in the deciding
 * transaction, with the application locked.
 */
export async function recordRegisteredEntity(tx: Db, app: ApplicationRow, entityId: string): Promise<ApplicationRow> {
  const [updated] = await tx.update(applications).set({ registeredEntityId: entityId }).where(eq(applications.id, app.id)).returning();
  return updated ?? app;
}
