import { defineEffect } from "@/lib/ports";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import type { Actor } from "../identity/model";

/**
 * Runs in the deciding transaction (application locked) each time a task of an application is
 * decided, before the fan-in opens the next steps; gets the approved steps and returns the
 * application as it now is. Starting a business registers the enterprise here (registration is
 * above review in the module order, so the root adds it: src/root/effects.ts).
 */
export type StepsApprovedListener = (
  tx: Db,
  app: ApplicationRow,
  approvedStepKeys: ReadonlySet<string>,
  actor: Actor | null,
  now: Date,
) => Promise<ApplicationRow>;

export const stepsApproved = defineEffect<StepsApprovedListener>("review.stepsApproved");

export async function runStepsApproved(
  tx: Db,
  app: ApplicationRow,
  approvedStepKeys: ReadonlySet<string>,
  actor: Actor | null,
  now: Date,
): Promise<ApplicationRow> {
  let current = app;
  for (const listener of stepsApproved.listeners()) current = await listener(tx, current, approvedStepKeys, actor, now);
  return current;
}
