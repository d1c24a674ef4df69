/**
 * The data office's dashboard: the periods it counts over and the pure arithmetic behind its
 * figures. It reads other modules' tables and writes nothing, so it has no states of its own.
 * Days are China dates, 'YYYY-MM-DD' (see `src/lib/dates.ts`).
 */

/** The daily volume series covers this many days, today included. */
export const volumeSeriesDays = 30;

/** The bottleneck is measured over the bundles' cases decided in this many days before now. */
export const bottleneckWindowDays = 90;

/**
 * At most this many of the most recent cases are read for the bottleneck: far more than a
 * province decides in the window (the demo's history has about 2,000 cases a year); past it the
 * figures cover the most recent cases and say so (`truncated`).
 */
export const maxBottleneckCases = 20_000;

/** The kinds of movement counted each day. */
export const volumeKinds = ["submitted", "accepted", "approved", "denied", "refused"] as const;
export type VolumeKind = (typeof volumeKinds)[number];

/** A licensing or acceptance decision: the three outcomes that end a case for the applicant with an answer. */
export const decisionKinds = ["approved", "denied", "refused"] as const satisfies readonly VolumeKind[];

export type VolumeCounts = Record<VolumeKind, number>;

export function emptyVolumeCounts(): VolumeCounts {
  return { submitted: 0, accepted: 0, approved: 0, denied: 0, refused: 0 };
}

/** Decided in all: approved, denied and refused (不予受理). */
export function decidedCount(c: VolumeCounts): number {
  return decisionKinds.reduce((sum, k) => sum + c[k], 0);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function dayNumber(day: string): number {
  const m = DAY.exec(day);
  if (!m) throw new TypeError(`Not a 'YYYY-MM-DD' date: ${JSON.stringify(day)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

function dayOf(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The `count` days ending with `today`, oldest first. */
export function lastDays(today: string, count: number): string[] {
  const end = dayNumber(today);
  return Array.from({ length: count }, (_, i) => dayOf(end - (count - 1) + i));
}

/** The first day of `today`'s month. */
export function firstOfMonth(today: string): string {
  dayNumber(today);
  return `${today.slice(0, 8)}01`;
}

/** The earlier of two days. */
export function earlierDay(a: string, b: string): string {
  return a <= b ? a : b;
}

/** One day's counts as the database groups them: a kind, a day and how many. */
export interface DailyCount {
  kind: VolumeKind;
  day: string;
  count: number;
}

export interface Volumes {
  today: VolumeCounts;
  month: VolumeCounts;
  /** Every day of the window, oldest first, zeros included (a missing day is a zero, not a gap). */
  daily: Array<{ day: string } & VolumeCounts>;
}

/**
 * Today's, this month's and each day's counts from the grouped rows (which must reach back to the
 * earlier of the month's first day and the series' first day).
 */
export function volumesFrom(rows: readonly DailyCount[], today: string, seriesDays = volumeSeriesDays): Volumes {
  const days = lastDays(today, seriesDays);
  const monthStart = firstOfMonth(today);
  const byDay = new Map(days.map((d) => [d, emptyVolumeCounts()]));
  const todays = emptyVolumeCounts();
  const month = emptyVolumeCounts();
  for (const r of rows) {
    if (r.day > today) continue;
    const day = byDay.get(r.day);
    if (day) day[r.kind] += r.count;
    if (r.day === today) todays[r.kind] += r.count;
    if (r.day >= monthStart) month[r.kind] += r.count;
  }
  return { today: todays, month, daily: days.map((day) => ({ day, ...byDay.get(day)! })) };
}

/** The last task decided on one case of a bundle: which department, and how long its task took. */
export interface LastDecision {
  bundleId: string;
  departmentId: string;
  /** Working days from the task's clock start to its decision; null when it cannot be counted. */
  workingDays: number | null;
}

export interface BundleFinishers {
  bundleId: string;
  /** Cases of the bundle counted. */
  cases: number;
  /** Each department that finished last at least once, most often first (ties: by id, for a stable order). */
  departments: Array<{ departmentId: string; count: number; share: number; workingDays: number[] }>;
}

/** Share as a fraction with 4 decimals (0.6667), as the open data publishes ratios. */
export function shareOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 10_000) / 10_000;
}

/**
 * Groups the cases' last decisions by bundle and department: how often each department was the
 * last to decide (the one the applicant waited for), with its task's working days, sorted so that
 * the first department of each bundle is its bottleneck. Bundles with more cases come first.
 */
export function finishersByBundle(rows: readonly LastDecision[]): BundleFinishers[] {
  const bundles = new Map<string, Map<string, number[]>>();
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const days = bundles.get(r.bundleId) ?? new Map<string, number[]>();
    bundles.set(r.bundleId, days);
    const n = counts.get(r.bundleId) ?? new Map<string, number>();
    counts.set(r.bundleId, n);
    n.set(r.departmentId, (n.get(r.departmentId) ?? 0) + 1);
    const list = days.get(r.departmentId) ?? [];
    if (r.workingDays !== null) list.push(r.workingDays);
    days.set(r.departmentId, list);
  }
  return [...bundles.entries()]
    .map(([bundleId, days]) => {
      const n = counts.get(bundleId)!;
      const cases = [...n.values()].reduce((a, b) => a + b, 0);
      const departments = [...n.entries()]
        .map(([departmentId, count]) => ({
          departmentId,
          count,
          share: shareOf(count, cases),
          workingDays: [...(days.get(departmentId) ?? [])].sort((a, b) => a - b),
        }))
        .sort((a, b) => b.count - a.count || (a.departmentId < b.departmentId ? -1 : 1));
      return { bundleId, cases, departments };
    })
    .sort((a, b) => b.cases - a.cases || (a.bundleId < b.bundleId ? -1 : 1));
}
