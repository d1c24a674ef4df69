import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { ProvisionalBadge } from "@/modules/calendar/components/provisional-badge";
import type { AppRouter } from "@/root/router";
import { windowApplicationStatuses, type WindowApplicationStatus } from "../model";

/** A tab per status the window works on, in the model's order. */
export const acceptanceTabs = windowApplicationStatuses;
export type AcceptanceTab = WindowApplicationStatus;
type QueueRow = inferRouterOutputs<AppRouter>["applications"]["acceptanceQueue"][number];

/** The window's queue: a tab per status (kept in the URL) and a table, oldest first. */
export async function StaffAcceptanceQueue({ tab, rows }: { tab: AcceptanceTab; rows: QueueRow[] }) {
  return (
    <div className="flex flex-col gap-4">
      <WindowTabs current={tab} />
      <AcceptanceTable tab={tab} rows={rows} />
    </div>
  );
}

/** The window's tabs: a tab per status it works on, and its processed cases (已处理). */
export async function WindowTabs({ current }: { current: AcceptanceTab | "processed" }) {
  const t = await getTranslations("applications.staff.queue");
  const tabs = [...acceptanceTabs, "processed"] as const;
  return (
    <nav aria-label={t("tabsLabel")}>
      <ul className="flex flex-wrap gap-2">
        {tabs.map((s) => (
          <li key={s}>
            <Link
              href={s === "submitted" ? "/window" : `/window?status=${s}`}
              aria-current={s === current ? "page" : undefined}
              className="inline-block rounded-full border border-brand-700 bg-white px-4 py-1.5 font-medium text-brand-700 no-underline hover:bg-brand-50 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
            >
              {t(`tabs.${s}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

async function AcceptanceTable({ tab, rows }: { tab: AcceptanceTab; rows: QueueRow[] }) {
  const [t, kind, ops, locale, format] = await Promise.all([
    getTranslations("applications.staff.queue"),
    getTranslations("applications.staff.applicantKind"),
    getTranslations("review.ops.returnToWindow"),
    getLocale(),
    getFormatter(),
  ]);
  const en = locale === "en";
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const day = (d: Date) => format.dateTime(d, { year: "numeric", month: "short", day: "numeric" });
  return (
    <div className="flex flex-col gap-4">
      {rows.length === 0 ? (
        <EmptyState title={t(`empty.${tab}`)} />
      ) : (
        <div className="flex flex-col gap-2">
          {/* The label sits outside the scroller so a narrow screen never clips it. */}
          <p id="acceptance-queue-caption" className="text-slate-700">
            {t(`caption.${tab}`, { count: rows.length })}
          </p>
          <div role="region" aria-labelledby="acceptance-queue-caption" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table aria-labelledby="acceptance-queue-caption" className="w-full min-w-[52rem] border-collapse text-left" data-testid="acceptance-queue">
              <thead className="bg-slate-100 text-sm text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("trackingNumber")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("title")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("applicant")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("receivedAt")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("acceptanceDue")}
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-semibold">
                    {t("departments")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.id}
                    className={`border-t border-slate-200 align-top ${r.overdue ? "bg-red-50" : ""}`}
                    data-overdue={r.overdue ? "true" : undefined}
                    data-testid={`queue-row-${r.trackingNumber ?? r.id}`}
                  >
                    <th scope="row" className="px-4 py-3 font-normal">
                      <Link href={`/window/${r.id}`} className="font-mono font-medium text-brand-700 underline hover:text-brand-800">
                        {r.trackingNumber ?? t("noTrackingNumber")}
                      </Link>
                    </th>
                    <td className="px-4 py-3">
                      <span className="block">{en ? r.titleEn : r.titleZh}</span>
                      {/* Sent back by a department (退回窗口): the window sees why before it accepts again. */}
                      {tab === "submitted" && r.returnReason ? (
                        <span className="mt-1 block rounded bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid="returned-reason">
                          {ops("badge", { reason: r.returnReason })}
                        </span>
                      ) : null}
                    </td>
                    <td className="px-4 py-3">
                      <span className="block">{r.applicantName}</span>
                      <span className="text-sm text-slate-600">{kind(r.applicantKind)}</span>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">{when(r.submittedAt)}</td>
                    <td className="whitespace-nowrap px-4 py-3" data-testid="acceptance-due">
                      {r.acceptanceDueAt ? <span className="block">{day(r.acceptanceDueAt)}</span> : <span className="text-slate-600">—</span>}
                      {r.acceptanceDueAt && r.acceptanceDueProvisional ? <ProvisionalBadge /> : null}
                      {r.remainingDays === null ? null : r.remainingDays < 0 ? (
                        <span className="mt-1 inline-block rounded border border-seal-600 bg-white px-2 py-0.5 text-sm font-semibold text-seal-600">
                          {t("overdueBy", { days: -r.remainingDays })}
                        </span>
                      ) : r.remainingDays === 0 ? (
                        <span className="block text-sm font-semibold text-seal-600">{t("dueToday")}</span>
                      ) : (
                        <span className="block text-sm text-slate-700">{t("daysLeft", { days: r.remainingDays })}</span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right">{t("departmentsValue", { count: r.steps })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
