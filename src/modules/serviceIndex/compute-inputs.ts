import { and, count, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { decidedApplicationStatuses } from "../applications/model";
import { applicationMaterials, applications, supplementNotices } from "../applications/schema";
import { cachedCalendar } from "../calendar/load-calendar";
import { workingDaysBetween } from "../calendar/model";
import { services } from "../catalog/schema";
import { departments } from "../identity/schema";
import { decidedTaskStatuses } from "../review/model";
import { reviewTasks } from "../review/schema";

/** The kinds of unit an index is published for. */
export const unitKinds = ["department", "service", "city"] as const;
export type UnitKind = (typeof unitKinds)[number];

/** One unit's counts in a period: the cases (for 数据不足) and every indicator's inputs. */
export interface UnitInputs {
  kind: UnitKind;
  code: string;
  cases: number;
  inputs: Record<string, number>;
}

/** The city (设区市) of a division code: its first four digits and `00`. */
export function cityOf(divisionCode: string): string {
  return `${divisionCode.slice(0, 4)}00`;
}

/** A unit as `kind:code`, e.g. `department:market`. */
export type UnitKey = `${UnitKind}:${string}`;
type Key = UnitKey;

/**
 * Counts every indicator's inputs for every department, service and city from the case stream in
 * [from, to): review tasks decided (on time, working days taken against the promised budget),
 * cases decided (told at most once what was missing), cases submitted (online or keyed in at the
 * window), documents supplied (pulled from the shared layer or uploaded). A case counts for each
 * department and service that has a task on it, and for the city of its division.
 * `extra` adds inputs other modules count (ratings) by unit key.
 */
export async function computeInputs(db: Db, from: Date, to: Date, extra: ReadonlyMap<Key, Record<string, number>> = new Map()): Promise<UnitInputs[]> {
  const cal = await cachedCalendar(db, to.getTime());
  const units = new Map<Key, UnitInputs>();
  const unit = (kind: UnitKind, code: string) => {
    const key: Key = `${kind}:${code}`;
    let u = units.get(key);
    if (!u) {
      u = { kind, code, cases: 0, inputs: {} };
      units.set(key, u);
    }
    return u;
  };
  const add = (u: UnitInputs, name: string, n: number) => {
    u.inputs[name] = (u.inputs[name] ?? 0) + n;
  };

  // Tasks decided in the period.
  const tasks = await db
    .select({
      department: departments.code,
      service: services.code,
      division: applications.divisionCode,
      clockStartedAt: reviewTasks.clockStartedAt,
      decidedAt: reviewTasks.decidedAt,
      dueAt: reviewTasks.dueAt,
      budgetDays: reviewTasks.budgetDays,
    })
    .from(reviewTasks)
    .innerJoin(applications, eq(applications.id, reviewTasks.applicationId))
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .innerJoin(services, eq(services.id, reviewTasks.serviceId))
    .where(and(inArray(reviewTasks.status, [...decidedTaskStatuses]), gte(reviewTasks.decidedAt, from), lt(reviewTasks.decidedAt, to)));
  for (const t of tasks) {
    if (!t.decidedAt) continue;
    const onTime = !t.dueAt || t.decidedAt <= t.dueAt ? 1 : 0;
    const started = t.clockStartedAt ?? t.decidedAt;
    const taken = Math.max(0, workingDaysBetween(cal, shanghaiDate(started), shanghaiDate(t.decidedAt)));
    for (const u of [unit("department", t.department), unit("service", t.service), unit("city", cityOf(t.division))]) {
      add(u, "tasksDecided", 1);
      add(u, "tasksOnTime", onTime);
      add(u, "workingDaysTaken", taken);
      add(u, "workingDaysPromised", t.budgetDays);
    }
  }

  // The units a case belongs to: the departments and services of its tasks, its city.
  const unitsOfCases = async (ids: string[]) => {
    const of = new Map<string, Set<Key>>();
    if (ids.length === 0) return of;
    const rows = await db
      .selectDistinct({ id: reviewTasks.applicationId, department: departments.code, service: services.code, division: applications.divisionCode })
      .from(reviewTasks)
      .innerJoin(applications, eq(applications.id, reviewTasks.applicationId))
      .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
      .innerJoin(services, eq(services.id, reviewTasks.serviceId))
      .where(inArray(reviewTasks.applicationId, ids));
    for (const r of rows) {
      const set = of.get(r.id) ?? new Set<Key>();
      set
        .add(`department:${r.department}`)
        .add(`service:${r.service}`)
        .add(`city:${cityOf(r.division)}`);
      of.set(r.id, set);
    }
    return of;
  };
  const each = (keys: Set<Key> | undefined, f: (u: UnitInputs) => void) => {
    for (const key of keys ?? []) {
      const [kind, code] = key.split(/:(.*)/s) as [UnitKind, string];
      f(unit(kind, code));
    }
  };

  // Cases decided in the period, with how many notices told them what was missing.
  const decided = await db
    .select({ id: applications.id, notices: count(supplementNotices.id) })
    .from(applications)
    .leftJoin(supplementNotices, eq(supplementNotices.applicationId, applications.id))
    .where(and(inArray(applications.status, [...decidedApplicationStatuses]), gte(applications.decidedAt, from), lt(applications.decidedAt, to)))
    .groupBy(applications.id);
  const decidedUnits = await unitsOfCases(decided.map((d) => d.id));
  for (const d of decided) {
    each(decidedUnits.get(d.id), (u) => {
      u.cases++;
      add(u, "casesFinished", 1);
      add(u, "casesAtMostOneNotice", Number(d.notices) <= 1 ? 1 : 0);
    });
  }

  // Cases submitted in the period: online, or keyed in at the window; their documents.
  const submitted = await db
    .select({
      id: applications.id,
      window: sql<boolean>`${applications.filedAs} = 'window'`,
      shared: sql<number>`(select count(*)::int from ${applicationMaterials} m where m.application_id = ${applications.id} and m.certificate_id is not null)`,
      documents: sql<number>`(select count(*)::int from ${applicationMaterials} m where m.application_id = ${applications.id} and (m.certificate_id is not null or m.upload_id is not null))`,
    })
    .from(applications)
    .where(and(isNotNull(applications.submittedAt), gte(applications.submittedAt, from), lt(applications.submittedAt, to)));
  const submittedUnits = await unitsOfCases(submitted.map((s) => s.id));
  for (const s of submitted) {
    each(submittedUnits.get(s.id), (u) => {
      add(u, "casesSubmitted", 1);
      add(u, "casesOnline", s.window ? 0 : 1);
      add(u, "materialsShared", Number(s.shared));
      add(u, "materialsDocuments", Number(s.documents));
    });
  }

  for (const [key, values] of extra) {
    const [kind, code] = key.split(/:(.*)/s) as [UnitKind, string];
    const u = unit(kind, code);
    for (const [name, n] of Object.entries(values)) add(u, name, n);
  }
  return [...units.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code));
}
