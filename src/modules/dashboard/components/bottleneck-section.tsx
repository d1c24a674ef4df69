import { getLocale, getTranslations } from "next-intl/server";
import { Chart } from "@/components/chart";
import { EmptyState } from "@/components/empty-state";
import type { Bottlenecks } from "../read-bottlenecks";

/** Each bundle's bottleneck department as a bar of its share, with the counts and medians in the table. */
export async function BottleneckSection({ data }: { data: Bottlenecks }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard.bottlenecks"), getLocale()]);
  const en = locale === "en";
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const rows = data.bundles;
  return (
    <section aria-labelledby="bottlenecks-heading" className="flex flex-col gap-3">
      <h2 id="bottlenecks-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="max-w-3xl text-sm text-slate-700">{t("lead", { days: data.windowDays })}</p>
      {data.truncated ? <p className="text-sm text-slate-700">{t("truncated", { count: rows.reduce((s, b) => s + b.cases, 0) })}</p> : null}
      {rows.length === 0 ? (
        <EmptyState title={t("empty", { days: data.windowDays })} />
      ) : (
        <Chart
          testId="chart-bottlenecks"
          width={960}
          title={t("chartTitle")}
          height={Math.max(150, 40 + rows.length * 56)}
          option={{
            // Room for the axis labels set by hand (containLabel trusts ECharts' measure of the text).
            grid: { left: 224, right: 56, top: 8, bottom: 28 },
            xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
            yAxis: {
              type: "category",
              inverse: true,
              // The bundle, and under it its bottleneck department.
              data: rows.map((b) => t("barLabel", { bundle: en ? b.bundleEn : b.bundleZh, department: en ? b.departmentEn : b.departmentZh })),
              // Left-aligned from the chart's edge, truncated short of the plot: browser fonts run wider than ECharts measures.
              axisLabel: { align: "left", margin: 216, width: 176, overflow: "truncate", lineHeight: 16 },
            },
            series: [
              {
                type: "bar",
                name: t("share"),
                barMaxWidth: 28,
                data: rows.map((b) => Math.round(b.share * 1000) / 10),
                label: { show: true, position: "right", formatter: "{c}%" },
              },
            ],
          }}
          table={{
            columns: [
              { label: t("bundle") },
              { label: t("department") },
              { label: t("count"), numeric: true },
              { label: t("cases"), numeric: true },
              { label: t("share"), numeric: true },
              { label: t("median"), numeric: true },
            ],
            rows: rows.map((b) => [
              en ? b.bundleEn : b.bundleZh,
              en ? b.departmentEn : b.departmentZh,
              b.count,
              b.cases,
              percent.format(b.share),
              b.medianWorkingDays ?? t("none"),
            ]),
          }}
        />
      )}
    </section>
  );
}
