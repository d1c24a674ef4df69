import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/modules/applications/components/status-badge";
import { ProvisionalBadge } from "@/modules/calendar/components/provisional-badge";
import type { AppRouter } from "@/root/router";
import { ZQueueInput } from "../inputs";
import { queuePageSize } from "../list-queue";

type QueueRow = inferRouterOutputs<AppRouter>["review"]["queue"]["rows"][number];
export type QueueFilter = z.output<typeof ZQueueInput>;

/** The status filter's choices, as the procedure accepts them. */
export const queueStatuses = ZQueueInput.shape.status.unwrap().options;

/** The queue's URL for a filter: filters live in the URL so a view can be bookmarked and shared. */
function queueHref(filter: QueueFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.status !== "pending") params.set("status", filter.status);
  if (filter.overdueOnly) params.set("overdue", "1");
  if (filter.bucket) params.set("bucket", filter.bucket);
  if (filter.q) params.set("q", filter.q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/review?${query}` : "/review";
}

const cell = "px-4 py-3";
const head = "px-4 py-2 font-semibold whitespace-nowrap";

/**
 * A department's review queue: a filter form (a plain GET form, so it works without script), the
 * tasks by due date with overdue ones marked in words, and simple paging.
 */
export async function TaskQueue({
  rows,
  total,
  totalCapped = false,
  filter,
  department,
  searchError,
}: {
  rows: QueueRow[];
  total: number;
  /** There are more than `total` tasks (the count stops after a bound). */
  totalCapped?: boolean;
  filter: QueueFilter;
  department: string;
  /** The search text was refused (too long): said on the field, and the queue shown unsearched. */
  searchError?: string;
}) {
  const [t, tb, locale, format] = await Promise.all([getTranslations("review.queue"), getTranslations("review.dashboard"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const day = (d: Date) => format.dateTime(d, { year: "numeric", month: "short", day: "numeric" });
  const hasNext = filter.page * queuePageSize < total;
  const filterLabel = filter.bucket ? tb(`bucket.${filter.bucket}`) : t(`statusOption.${filter.status}`);
  const filtered = filter.status !== "pending" || filter.overdueOnly || Boolean(filter.bucket) || Boolean(filter.q);
  return (
    <div className="flex flex-col gap-4">
      <form method="get" action="/review" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="queue-filters">
        <fieldset className="flex flex-wrap items-end gap-4">
          <legend className="mb-2 font-semibold">{t("filtersLegend")}</legend>
          <div className="flex w-full flex-col gap-1 sm:w-80">
            <label htmlFor="queue-search" className="text-sm font-medium text-slate-800">
              {t("search")}
            </label>
            <input
              id="queue-search"
              type="search"
              name="q"
              defaultValue={filter.q ?? ""}
              maxLength={64}
              autoComplete="off"
              aria-describedby={searchError ? "queue-search-hint queue-search-error" : "queue-search-hint"}
              aria-invalid={searchError ? true : undefined}
              className="rounded border border-slate-400 bg-white px-3 py-2"
            />
            <p id="queue-search-hint" className="text-sm text-slate-600">
              {t("searchHint")}
            </p>
            {searchError ? (
              <p id="queue-search-error" className="text-sm font-medium text-seal-600" data-testid="queue-search-error">
                {searchError}
              </p>
            ) : null}
          </div>
          {filter.bucket ? (
            // A counter chosen on the dashboard stays the filter; the search narrows it.
            <p className="py-2 text-slate-800">
              <input type="hidden" name="bucket" value={filter.bucket} />
              {t("bucketFilter", { bucket: filterLabel })}
            </p>
          ) : (
            <>
              <div className="flex flex-col gap-1">
                <label htmlFor="queue-status" className="text-sm font-medium text-slate-800">
                  {t("status")}
                </label>
                <select id="queue-status" name="status" defaultValue={filter.status} className="rounded border border-slate-400 bg-white px-3 py-2">
                  {queueStatuses.map((s) => (
                    <option key={s} value={s}>
                      {t(`statusOption.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="flex items-center gap-2 py-2">
                <input id="queue-overdue" type="checkbox" name="overdue" value="1" defaultChecked={filter.overdueOnly} className="size-4" />
                <label htmlFor="queue-overdue">{t("overdueOnly")}</label>
              </div>
            </>
          )}
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("apply")}
          </button>
          {filtered ? (
            <Link href="/review" className="py-2 text-brand-700 underline">
              {t("clear")}
            </Link>
          ) : null}
        </fieldset>
      </form>

      {rows.length === 0 ? (
        <EmptyState title={t("empty")}>{filtered ? t("emptyHint") : null}</EmptyState>
      ) : (
        <div className="flex flex-col gap-2">
          {/* The label sits outside the scroller so a narrow screen never clips it. */}
          <p id="task-queue-caption" className="text-slate-700">
            {t(filter.overdueOnly ? "captionOverdue" : "caption", { department, filter: filterLabel })}
            {filter.q ? ` ${t(totalCapped ? "captionSearchMore" : "captionSearch", { q: filter.q, total })}` : null}
          </p>
          <div role="region" aria-labelledby="task-queue-caption" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table aria-labelledby="task-queue-caption" className="w-full min-w-[60rem] border-collapse text-left" data-testid="task-queue">
              <thead className="bg-slate-100 text-sm text-slate-700">
                <tr>
                  <th scope="col" className={head}>
                    {t("trackingNumber")}
                  </th>
                  <th scope="col" className={head}>
                    {t("title")}
                  </th>
                  <th scope="col" className={head}>
                    {t("service")}
                  </th>
                  <th scope="col" className={head}>
                    {t("applicant")}
                  </th>
                  <th scope="col" className={head}>
                    {t("dueAt")}
                  </th>
                  <th scope="col" className={head}>
                    {t("remaining")}
                  </th>
                  <th scope="col" className={head}>
                    {t("status")}
                  </th>
                  <th scope="col" className={head}>
                    {t("claimedBy")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.taskId}
                    data-testid={`task-row-${r.trackingNumber ?? r.taskId}`}
                    data-overdue={r.overdue ? "true" : undefined}
                    className={`border-t border-slate-200 align-top ${r.overdue ? "bg-red-50" : ""}`}
                  >
                    <th scope="row" className={`${cell} font-normal ${r.overdue ? "border-l-4 border-l-seal-600" : ""}`}>
                      <Link href={`/review/tasks/${r.taskId}`} className="font-mono font-medium text-brand-700 underline hover:text-brand-800">
                        {r.trackingNumber ?? t("noTrackingNumber")}
                      </Link>
                    </th>
                    <td className={cell}>{en ? r.titleEn : r.titleZh}</td>
                    <td className={cell}>{en ? r.serviceNameEn : r.serviceNameZh}</td>
                    <td className={cell}>{r.applicantName}</td>
                    <td className={`${cell} whitespace-nowrap`}>
                      {r.dueAt ? <span className="block">{day(r.dueAt)}</span> : <span className="text-slate-600">{t("noDue")}</span>}
                      {r.dueAt && r.dueProvisional ? <ProvisionalBadge /> : null}
                      {r.overdue ? (
                        <span className="mt-1 inline-block rounded border border-seal-600 bg-white px-2 py-0.5 text-sm font-semibold text-seal-600">
                          {t("overdue")}
                        </span>
                      ) : null}
                    </td>
                    <td className={`${cell} whitespace-nowrap`} data-testid="remaining-days">
                      {r.remainingDays === null ? (
                        <span className="text-slate-600">—</span>
                      ) : r.remainingDays < 0 ? (
                        <span className="font-semibold text-seal-600">{t("overdueBy", { days: -r.remainingDays })}</span>
                      ) : r.remainingDays === 0 ? (
                        <span className="font-semibold text-seal-600">{t("dueTodayShort")}</span>
                      ) : (
                        <span>{t("daysLeft", { days: r.remainingDays })}</span>
                      )}
                      {r.remainingDays !== null && r.dueProvisional ? <span className="block text-sm text-slate-600">{t("provisionalCount")}</span> : null}
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>
                      <StatusBadge status={r.status} kind="task" />
                    </td>
                    <td className={cell}>
                      {r.claimedByMe ? (
                        <span className="font-medium">{t("claimedByMe")}</span>
                      ) : (
                        (r.claimedByName ?? <span className="text-slate-600">{t("unclaimed")}</span>)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {filter.page > 1 || hasNext ? (
        <nav aria-label={t("pagination")} className="flex flex-wrap items-center gap-4">
          {filter.page > 1 ? (
            <Link href={queueHref(filter, filter.page - 1)} rel="prev" className="text-brand-700 underline">
              {t("previous")}
            </Link>
          ) : null}
          <span aria-current="page">
            {t(totalCapped ? "pageMore" : "page", { page: filter.page, pages: Math.max(1, Math.ceil(total / queuePageSize)), total })}
          </span>
          {hasNext ? (
            <Link href={queueHref(filter, filter.page + 1)} rel="next" className="text-brand-700 underline">
              {t("next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
