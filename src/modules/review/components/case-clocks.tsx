import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import { ProvisionalBadge } from "@/modules/calendar/components/provisional-badge";
import type { CaseClocksView } from "../case-clocks";

/**
 * The case's time limits, per department: the statutory limit (art. 42) and the promised one, in
 * working days and as dates; the pauses that stopped the clock (art. 45) with their kind; the
 * extensions granted, with their 延期办理告知书. Staff also see requests awaiting the head or refused.
 */
export async function CaseClocks({ clocks, taskId }: { clocks: CaseClocksView; taskId?: string }) {
  const [t, locale, format] = await Promise.all([getTranslations("review.clocks"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const day = (d: Date) => format.dateTime(d, { year: "numeric", month: "short", day: "numeric", timeZone: "Asia/Shanghai" });
  const tasks = taskId ? clocks.tasks.filter((x) => x.taskId === taskId) : clocks.tasks;
  if (tasks.length === 0) return null;
  return (
    <section aria-labelledby="clocks-heading" className="flex flex-col gap-3" data-testid="case-clocks">
      <h2 id="clocks-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("lead")}</p>
      {!taskId && clocks.promisedDueAt && clocks.statutoryDueAt ? (
        <p className="font-medium" data-testid="case-clocks-line">
          {t("caseLine", { promised: day(clocks.promisedDueAt), statutory: day(clocks.statutoryDueAt) })}
        </p>
      ) : null}
      <ul className="flex flex-col gap-3">
        {tasks.map((c) => (
          <li key={c.taskId}>
            <Card className={c.paused ? "border-amber-600" : ""}>
              <h3 className="font-semibold">
                {en ? c.departmentNameEn : c.departmentNameZh}
                <span className="font-normal text-slate-700"> · {en ? c.serviceNameEn : c.serviceNameZh}</span>
              </h3>
              <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]" data-testid={`clock-${c.stepKey}`}>
                <dt className="text-slate-600">{t("promised")}</dt>
                <dd className="mb-2 flex flex-wrap items-center gap-2 sm:mb-0" data-testid="clock-promised">
                  <span>
                    {c.extensionDays > 0
                      ? t("daysExtended", { days: c.promisedDays + c.extensionDays, extension: c.extensionDays })
                      : t("days", { days: c.promisedDays })}
                  </span>
                  {c.startedAt && c.promisedDueAt ? <span className="font-medium">{t("until", { date: day(c.promisedDueAt) })}</span> : null}
                  {!c.startedAt ? <span className="text-slate-600">{t("notStarted")}</span> : null}
                </dd>
                <dt className="text-slate-600">{t("statutory")}</dt>
                <dd className="mb-2 flex flex-wrap items-center gap-2 sm:mb-0" data-testid="clock-statutory">
                  <span>
                    {c.extensionDays > 0
                      ? t("daysExtended", { days: c.statutoryDays + c.extensionDays, extension: c.extensionDays })
                      : t("days", { days: c.statutoryDays })}
                  </span>
                  {c.statutoryDueAt ? <span className="font-medium">{t("until", { date: day(c.statutoryDueAt) })}</span> : null}
                  {c.provisional ? <ProvisionalBadge /> : null}
                </dd>
              </dl>
              {c.paused ? (
                <p
                  className="mt-2 inline-block rounded border border-amber-600 bg-amber-50 px-2 py-0.5 text-sm font-semibold text-amber-900"
                  data-testid="clock-paused"
                >
                  {t("pausedNow")}
                </p>
              ) : null}
              {c.pauses.length > 0 ? (
                <div className="mt-3">
                  <h4 className="font-medium">{t("pauses")}</h4>
                  <ul className="mt-1 flex list-disc flex-col gap-1 pl-6" data-testid="clock-pauses">
                    {c.pauses.map((p) => (
                      <li key={p.id}>
                        {t("pauseLine", {
                          kind: t(`pauseKind.${p.kind}`),
                          from: day(p.startedAt),
                          to: p.endedAt ? t("pauseTo", { date: day(p.endedAt) }) : t("pauseRunning"),
                        })}
                        {p.workingDays !== null ? t("pauseDays", { days: p.workingDays }) : null}
                        {p.note ? <span className="block text-sm text-slate-700">{p.note}</span> : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {c.extensions.length > 0 ? (
                <div className="mt-3">
                  <h4 className="font-medium">{t("extensions")}</h4>
                  <ul className="mt-1 flex list-disc flex-col gap-2 pl-6" data-testid="clock-extensions">
                    {c.extensions.map((x) => (
                      <li key={x.id}>
                        {x.status === "approved" && x.previousDueAt && x.newDueAt ? (
                          <span data-testid="extension-approved">
                            {t("extensionLine", { days: x.days, previous: day(x.previousDueAt), next: day(x.newDueAt) })}
                          </span>
                        ) : x.status === "requested" ? (
                          <span data-testid="extension-requested">
                            {t("extensionRequested", { days: x.days, name: x.requestedByName ?? "—", date: day(x.requestedAt) })}
                          </span>
                        ) : (
                          <span data-testid="extension-refused">{t("extensionRefused", { days: x.days, note: x.decisionNote ?? "—" })}</span>
                        )}
                        <span className="block text-sm text-slate-700">{t("extensionReason", { reason: x.reason })}</span>
                        {x.document ? (
                          <Link href={`/documents/${x.document.id}`} className="text-sm text-brand-700 underline">
                            {t("notice", { number: x.document.number })}
                          </Link>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
