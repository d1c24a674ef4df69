import { getLocale, getTranslations } from "next-intl/server";
import { Chart, seriesColours } from "@/components/chart";
import { EmptyState } from "@/components/empty-state";
import { dueSoonDays, type DepartmentTasks } from "../department-tasks";
import { Figure } from "./figure";

/** Running, overdue and soon-due tasks: totals, and per department as grouped bars with their table. */
export async function DepartmentSection({ rows }: { rows: DepartmentTasks[] }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard.departments"), getLocale()]);
  const name = (r: DepartmentTasks) => (locale === "en" ? r.nameEn : r.nameZh);
  const sum = (key: "open" | "overdue" | "dueSoon") => rows.reduce((s, r) => s + r[key], 0);
  return (
    <section aria-labelledby="departments-heading" className="flex flex-col gap-3">
      <h2 id="departments-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="max-w-3xl text-sm text-slate-700">{t("lead", { days: dueSoonDays })}</p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Figure testId="figure-tasks-open" label={t("totalOpen")} value={sum("open")} />
        <Figure testId="figure-tasks-overdue" label={t("totalOverdue")} value={sum("overdue")} tone="alert" />
        <Figure testId="figure-tasks-due-soon" label={t("totalDueSoon")} value={sum("dueSoon")} />
      </div>
      {rows.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <Chart
          testId="chart-departments"
          width={960}
          title={t("chartTitle")}
          height={Math.max(160, 72 + rows.length * 44)}
          option={{
            legend: { top: 0, itemGap: 32, data: [t("open"), t("overdue")] },
            grid: { left: 200, right: 32, top: 36, bottom: 28 },
            xAxis: { type: "value", minInterval: 1 },
            yAxis: { type: "category", inverse: true, data: rows.map(name), axisLabel: { align: "left", margin: 192, width: 160, overflow: "truncate" } },
            series: [
              { type: "bar", name: t("open"), data: rows.map((r) => r.open), itemStyle: { color: seriesColours[0] }, label: { show: true, position: "right" } },
              {
                type: "bar",
                name: t("overdue"),
                data: rows.map((r) => r.overdue),
                itemStyle: { color: seriesColours[3] },
                label: { show: true, position: "right" },
              },
            ],
          }}
          table={{
            columns: [
              { label: t("department") },
              { label: t("open"), numeric: true },
              { label: t("overdue"), numeric: true },
              { label: t("dueSoon"), numeric: true },
            ],
            rows: rows.map((r) => [name(r), r.open, r.overdue, r.dueSoon]),
          }}
        />
      )}
    </section>
  );
}
