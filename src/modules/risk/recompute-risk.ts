import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { recomputeClasses } from "./recompute-classes";
import { recomputeSignals, type SignalRecomputation } from "./recompute-signals";

/**
 * The data office's "recompute now": the signals first, then this month's classes (which count
 * the active signals). Each step is its own transaction and idempotent.
 */
export async function recomputeRisk(
  db: Db,
  actor: Actor | null,
  now: Date = new Date(),
): Promise<{ signals: SignalRecomputation; classes: { month: string; enterprises: number } }> {
  const signals = await recomputeSignals(db, actor, now);
  const classes = await recomputeClasses(db, actor, now);
  return { signals, classes };
}
