import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { CatalogAuditAction } from "./model";
import { catalogVersions } from "./schema";

/** Held for the rest of the transaction: one new catalog version at a time, numbered without gaps. */
const catalogVersionLock = 7415002;

/**
 * Records a new version of the catalog in the caller's transaction and returns its number. Called
 * by every change to what applying takes, after the change itself; a change that rolls back takes
 * its version with it.
 */
export async function newCatalogVersion(
  tx: Db,
  change: { reason: CatalogAuditAction; subject: string; actorUserId: string | null; now: Date },
): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${catalogVersionLock})`);
  const version = (await currentCatalogVersion(tx)) + 1;
  await tx.insert(catalogVersions).values({ version, reason: change.reason, subject: change.subject, createdBy: change.actorUserId, createdAt: change.now });
  return version;
}

/**
 * Takes the catalog's version lock early, for an edit that checks the whole catalog before it
 * writes (the lint): two edits that each close half of a circle would otherwise both pass.
 */
export async function lockCatalogEdits(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${catalogVersionLock})`);
}

/** The catalog's current version: 0 before anything was recorded. */
export async function currentCatalogVersion(db: Db): Promise<number> {
  const [row] = await db.select({ version: sql<number | null>`max(${catalogVersions.version})` }).from(catalogVersions);
  return Number(row?.version ?? 0);
}
