import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { DepartmentCounts } from "../dashboard";
import { queueBuckets, type QueueBucket } from "../inputs";

/** The queue's URL for one counter: a counter is a filter, kept in the URL like the others. */
export function bucketHref(bucket: QueueBucket): string {
  return `/review?bucket=${bucket}`;
}

// Counters that ask for attention are drawn in the seal colour when they are not zero.
const urgent: ReadonlySet<QueueBucket> = new Set(["dueToday", "overdue"]);

/**
 * A reviewer's day at a glance: the department's running tasks counted six ways, each count a
 * link to the queue filtered by it. The current filter is marked for screen readers too.
 */
export async function DepartmentDashboard({ counts, current }: { counts: DepartmentCounts; current: QueueBucket | undefined }) {
  const t = await getTranslations("review.dashboard");
  return (
    <nav aria-labelledby="dashboard-heading" data-testid="department-dashboard">
      <h2 id="dashboard-heading" className="mb-2 text-xl font-semibold">
        {t("title")}
      </h2>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {queueBuckets.map((b) => {
          const alert = urgent.has(b) && counts[b] > 0;
          return (
            <li key={b}>
              <Link
                href={bucketHref(b)}
                aria-current={current === b ? "page" : undefined}
                data-testid={`count-${b}`}
                className={`flex h-full flex-col rounded-lg border bg-white px-4 py-3 no-underline hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 aria-[current=page]:border-2 aria-[current=page]:border-brand-700 ${
                  alert ? "border-seal-600" : "border-slate-300"
                }`}
              >
                <span className="text-sm text-slate-700">{t(`bucket.${b}`)}</span>
                <span className={`text-3xl font-semibold tabular-nums ${alert ? "text-seal-600" : "text-slate-900"}`} data-testid={`count-${b}-value`}>
                  {counts[b]}
                </span>
                <span className="sr-only">{t("tasks")}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
