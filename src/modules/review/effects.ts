import { defineEffect } from "@/lib/ports";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import type { Actor } from "../identity/model";
import { catalogAnswerGroups, stepFirst, type AnswerGroup, type AnswerSourceInput } from "./answer-groups";

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

/**
 * A source of an application's answers that knows its form better than the catalog does: the
 * start-a-business form keeps shareholders, the legal representative's ID number and the
 * commitments beside the application (registration is above review, so the root adds it). It
 * returns the groups as its form shows them, or null for an application that is not its own.
 */
export type AnswerSource = (db: Db, input: AnswerSourceInput) => Promise<AnswerGroup[] | null>;

export const answerSources = defineEffect<AnswerSource>("review.answerSources");

/** The first source that knows the application, or the catalog's grouping by step. */
export async function answerGroupsOf(db: Db, input: AnswerSourceInput): Promise<AnswerGroup[]> {
  for (const source of answerSources.listeners()) {
    const groups = await source(db, input);
    if (groups) return stepFirst(groups);
  }
  return catalogAnswerGroups(input);
}

/**
 * Runs in the deciding transaction when an application is approved, after its certificates were
 * issued: credit records each licence granted (行政许可信息) as an administrative-licence record
 * (credit is above review in the module order, so the root adds it: src/root/effects.ts).
 */
export type ApplicationApprovedListener = (
  tx: Db,
  app: ApplicationRow,
  issued: ReadonlyArray<{ typeCode: string; number: string }>,
  holder: { code: string; name: string },
  now: Date,
) => Promise<void>;

export const applicationApproved = defineEffect<ApplicationApprovedListener>("review.applicationApproved");

export async function runApplicationApproved(
  tx: Db,
  app: ApplicationRow,
  issued: ReadonlyArray<{ typeCode: string; number: string }>,
  holder: { code: string; name: string },
  now: Date,
): Promise<void> {
  for (const listener of applicationApproved.listeners()) await listener(tx, app, issued, holder, now);
}
