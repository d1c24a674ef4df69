import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CalendarYearView, ProvisionalYearView } from "../list-years";
import { dayRuns } from "../model";

/** A list of days written as a notice writes them: each period once, with its length. */
async function Runs({ days, testId }: { days: string[]; testId: string }) {
  const t = await getTranslations("calendar.page");
  if (days.length === 0) return <p className="text-slate-600">{t("none")}</p>;
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 font-mono text-sm" data-testid={testId}>
      {dayRuns(days).map((r) => (
        <li key={r.from}>
          {r.from === r.to ? r.from : `${r.from}~${r.to.slice(5)}`}
          {r.count > 1 ? <span className="font-sans text-slate-600">{t("periodDays", { count: r.count })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The published years: source, counts, who entered them, and each year's days on demand. */
export async function CalendarYears({ years }: { years: CalendarYearView[] }) {
  const [t, format] = await Promise.all([getTranslations("calendar.page"), getFormatter()]);
  return (
    <ul className="flex flex-col gap-3" data-testid="calendar-years">
      {[...years].reverse().map((y) => (
        <li key={y.year} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`calendar-year-${y.year}`}>
          <h3 className="text-lg font-semibold text-slate-900">{y.year}</h3>
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">{t("source")}</dt>
            <dd className="break-words">{y.source}</dd>
            <dt className="text-slate-600">{t("holidays")}</dt>
            <dd>{t("daysCount", { count: y.holidays.length })}</dd>
            <dt className="text-slate-600">{t("makeupWorkdays")}</dt>
            <dd>{t("daysCount", { count: y.makeupWorkdays.length })}</dd>
            <dt className="text-slate-600">{t("workingDays")}</dt>
            <dd data-testid="working-days">{y.workingDays}</dd>
            <dt className="text-slate-600">{t("publishedBy")}</dt>
            <dd>
              {y.publishedAt
                ? t("publishedByOn", { name: y.publishedByName ?? "", date: format.dateTime(y.publishedAt, { dateStyle: "medium", timeStyle: "short" }) })
                : t("seeded")}
            </dd>
          </dl>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-brand-700 underline underline-offset-2">{t("showDays", { year: y.year })}</summary>
            <div className="mt-2 flex flex-col gap-2">
              <h4 className="text-sm font-medium text-slate-800">{t("holidays")}</h4>
              <Runs days={y.holidays} testId="holiday-runs" />
              <h4 className="text-sm font-medium text-slate-800">{t("makeupWorkdays")}</h4>
              <Runs days={y.makeupWorkdays} testId="makeup-runs" />
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}

/** The years computed from the holiday rules, marked provisional, each with its days on demand. */
export async function ProvisionalYears({ years }: { years: ProvisionalYearView[] }) {
  const t = await getTranslations("calendar.page");
  return (
    <ul className="flex flex-col gap-3" data-testid="provisional-years">
      {years.map((y) => (
        <li key={y.year} className="rounded-lg border border-dashed border-amber-600 bg-white p-4" data-testid={`provisional-year-${y.year}`}>
          <h3 className="flex items-center gap-2 text-lg font-semibold text-slate-900">
            {y.year}
            <span className="rounded border border-amber-600 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("provisionalBadge")}</span>
          </h3>
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">{t("holidays")}</dt>
            <dd>{t("daysCount", { count: y.holidays.length })}</dd>
            <dt className="text-slate-600">{t("workingDays")}</dt>
            <dd data-testid="working-days">{y.workingDays}</dd>
          </dl>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-brand-700 underline underline-offset-2">{t("showDays", { year: y.year })}</summary>
            <div className="mt-2">
              <Runs days={y.holidays} testId="holiday-runs" />
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}

/** The reminder to enter next year's arrangements, on the calendar page and the data office's landing. */
export async function NextYearReminder({ nextYear, daysLeft, href }: { nextYear: number; daysLeft: number; href?: string }) {
  const t = await getTranslations("calendar.page");
  return (
    <div role="status" data-testid="calendar-reminder" className="rounded border border-amber-500 bg-amber-50 px-3 py-2 text-amber-950">
      {daysLeft < 0 ? t("overdue", { year: nextYear }) : t("dueSoon", { year: nextYear, days: daysLeft })}
      {href ? (
        <>
          {" "}
          <Link href={href} className="font-medium underline underline-offset-2">
            {t("enterNow", { year: nextYear })}
          </Link>
        </>
      ) : null}
    </div>
  );
}
