import { inArray } from "drizzle-orm";
import { z } from "zod";
import { planFormOf } from "./plan-form";
import { msg } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { DomainError } from "@/lib/domain-error";
import { addWorkingDays, CalendarRangeError } from "../calendar/model";
import { loadCalendar } from "../calendar/load-calendar";
import { endOfShanghaiDay, shanghaiDate } from "@/lib/dates";
import { services } from "../catalog/schema";
import type { ZNoticeItemInput } from "./inputs";
import { noticeDueDays } from "./model";
import type { NoticeItem } from "./schema";
import type { ApplicationRow } from "./transition";

/**
 * Turns the asker's items into the notice's items: each keeps who asked (department and task, or
 * the window) and its legal basis — as the asker gave it, or for a catalog-material item the
 * materials' own. A material key the application's plan does not list is a field error on that
 * item (`items.<n>.materialKeys`), nothing written.
 */
export async function toNoticeItems(
  tx: Db,
  app: ApplicationRow,
  items: ReadonlyArray<z.output<typeof ZNoticeItemInput>>,
  asker: { departmentId: string | null; taskId: string | null },
): Promise<NoticeItem[]> {
  const needsPlan = items.some((i) => i.materialKeys.length > 0);
  const materials = needsPlan ? ((await planFormOf(tx, app))?.materials ?? []) : [];
  const byKey = new Map(materials.map((m) => [m.key, m]));
  const issues: z.core.$ZodIssue[] = [];
  const out = items.map((item, n): NoticeItem => {
    const unknown = item.materialKeys.filter((k) => !byKey.has(k));
    if (unknown.length > 0) {
      issues.push({ code: "custom", path: ["items", n, "materialKeys"], message: msg("applications.validation.noticeUnknownMaterial"), input: unknown });
    }
    const catalogBasis = [...new Set(item.materialKeys.flatMap((k) => (byKey.get(k)?.legalBasis ? [byKey.get(k)?.legalBasis ?? ""] : [])))].join("；");
    return {
      kind: item.kind ?? (item.materialKeys.length > 0 ? "material" : "document"),
      departmentId: asker.departmentId,
      taskId: asker.taskId,
      materialKeys: item.materialKeys,
      text: item.text,
      legalBasis: item.legalBasis || catalogBasis || null,
    };
  });
  // ZodRealError: tRPC keeps its issues as field errors (see check-materials.ts).
  if (issues.length > 0) throw new z.ZodRealError(issues);
  return out;
}

/**
 * A notice's deadline: the longest `supplementDays` of the services whose departments ask (the
 * application's own services when the window asks), counted in working days on the official
 * calendar from the day after issue, ending at the end of the last day (Shanghai time).
 */
export async function noticeDeadline(tx: Db, app: ApplicationRow, askingDepartmentIds: readonly (string | null)[], issuedAt: Date) {
  const steps = askingDepartmentIds.some((d) => d === null) ? app.plan : app.plan.filter((s) => askingDepartmentIds.includes(s.departmentId));
  const ids = [...new Set(steps.map((s) => s.serviceId))];
  const rows = ids.length ? await tx.select({ days: services.supplementDays }).from(services).where(inArray(services.id, ids)) : [];
  const dueDays = noticeDueDays(rows.map((r) => r.days));
  const cal = await loadCalendar(tx);
  try {
    return { dueDays, dueAt: endOfShanghaiDay(addWorkingDays(cal, shanghaiDate(issuedAt), dueDays)) };
  } catch (e) {
    // A deadline past the last published calendar year is not guessed.
    if (e instanceof CalendarRangeError) throw new DomainError("unavailable", "errors.calendarNotPublished", { params: { year: cal.lastYear + 1 } });
    throw e;
  }
}
