import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { progressOf, taskTimeline } from "./get-application";
import type { ZTrackInput } from "./inputs";
import { normalizeQueryCode } from "./model";
import { applications } from "./schema";

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Public tracking with the tracking number and query code: the same timeline without personal
 * data. A wrong pair gets the same "not found" whether or not the number exists.
 */
export async function trackApplication(db: Db, input: z.output<typeof ZTrackInput>, now: Date = new Date()) {
  const [app] = await db.select().from(applications).where(eq(applications.trackingNumber, input.trackingNumber));
  const ok = app?.queryCode ? sameCode(app.queryCode, normalizeQueryCode(input.queryCode)) : sameCode("--------", normalizeQueryCode(input.queryCode) + "x");
  if (!app || !ok) throw new DomainError("notFound", "errors.trackNotFound");
  const tasks = await taskTimeline(db, app, now, false);
  return {
    trackingNumber: input.trackingNumber,
    titleZh: app.titleZh,
    titleEn: app.titleEn,
    status: app.status,
    submittedAt: app.submittedAt,
    acceptedAt: app.acceptedAt,
    decidedAt: app.decidedAt,
    progress: progressOf(tasks),
    tasks,
  };
}
