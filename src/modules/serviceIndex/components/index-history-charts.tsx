import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { Chart, seriesColours } from "@/components/chart";
import { methodology, type Band } from "../model";
import type { HistoryPoint, IndexHistory } from "../read-history";

/** Every calendar month from the first to the last, `YYYY-MM`, at most `max` (the newest). */
export function monthsBetween(first: string, last: string, max = 24): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  const end = last;
  for (let i = 0; i < 1200; i++) {
    const code = `${y}-${String(m).padStart(2, "0")}`;
    if (code > end) break;
    out.push(code);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out.slice(-max);
}

/** The bands as coloured areas behind a 0–100 line, each labelled with its name. */
function bandAreas(en: boolean) {
  const sorted = [...methodology.bands].sort((a, b) => a.from - b.from);
  return {
    silent: true,
    label: { position: "insideRight" as const, color: "#334155", fontSize: 11 },
    data: sorted.map((b: Band, i) => [
      { yAxis: b.from, name: en ? b.nameEn : b.nameZh, itemStyle: { color: b.colour, opacity: 0.16 } },
      { yAxis: sorted[i + 1]?.from ?? 100 },
    ]),
  };
}

/** A marker per sub-index line, and the same shape as a character for the legend. */
const symbols = [
  { echarts: "circle", glyph: "●" },
  { echarts: "rect", glyph: "■" },
  { echarts: "triangle", glyph: "▲" },
  { echarts: "diamond", glyph: "◆" },
  { echarts: "emptyCircle", glyph: "○" },
  { echarts: "emptyRect", glyph: "□" },
  { echarts: "emptyTriangle", glyph: "△" },
];

const valueAxis = { type: "value" as const, min: 0, max: 100, interval: 20, axisLabel: { color: "#334155", fontSize: 13 } };
const categoryAxis = (data: string[]) => ({ type: "category" as const, data, axisLabel: { color: "#334155", fontSize: 13 } });
const grid = { left: 40, right: 64, top: 20, bottom: 36 };
/** Drawn at about the width a chart gets beside another on a desktop, so its text is read at its size there and scales down on a phone. */
const size = { width: 560, height: 300 };

/**
 * A unit's history as three server-drawn charts, each with its data table one click away: the
 * composite per calendar month (bands behind it, 数据不足 and uncomputed months as gaps), the
 * last-30-days composite per daily snapshot, and the sub-indices per month.
 */
export async function IndexHistoryCharts({ history }: { history: IndexHistory }) {
  const [t, tr, locale] = await Promise.all([getTranslations("serviceIndex.unit"), getTranslations("serviceIndex.ranking"), getLocale()]);
  const en = locale === "en";
  const bandName = (code: string | null) => {
    const b = methodology.bands.find((x) => x.code === code);
    return b ? (en ? b.nameEn : b.nameZh) : "—";
  };
  const compositeText = (p: HistoryPoint | undefined) => (!p ? t("notComputed") : p.composite === null ? tr("insufficient") : p.composite.toFixed(1));

  const byMonth = new Map(history.months.map((m) => [m.period, m]));
  const first = history.months[0]?.period;
  const last = history.months.at(-1)?.period;
  const months = first && last ? monthsBetween(first, last) : [];
  const days = history.days;

  const monthly =
    months.length === 0 ? null : (
      <Chart
        testId="history-monthly"
        {...size}
        title={t("monthlyTitle")}
        note={t("monthlyNote")}
        option={{
          grid,
          tooltip: { show: false },
          xAxis: categoryAxis(months),
          yAxis: valueAxis,
          series: [
            {
              type: "line",
              name: tr("composite"),
              data: months.map((m) => byMonth.get(m)?.composite ?? null),
              connectNulls: false,
              symbolSize: 8,
              lineStyle: { width: 3 },
              label: {
                // Values on the points while they fit; the table has them all.
                show: months.length <= 12,
                position: "top",
                color: "#0f172a",
                formatter: (p: { value: number | null }) => (p.value === null ? "" : p.value.toFixed(1)),
              },
              markArea: bandAreas(en),
            },
          ],
        }}
        table={{
          columns: [
            { label: t("month") },
            { label: tr("composite"), numeric: true },
            { label: tr("band") },
            { label: tr("cases"), numeric: true },
            { label: t("computedOn") },
            { label: t("version") },
          ],
          rows: months.map((m) => {
            const p = byMonth.get(m);
            return [m, compositeText(p), bandName(p?.band ?? null), p ? p.cases : "—", p?.computedOn ?? "—", p?.methodologyVersion ?? "—"];
          }),
        }}
      />
    );

  const daily =
    days.length === 0 ? null : (
      <Chart
        testId="history-daily"
        {...size}
        title={t("dailyTitle")}
        note={t("dailyNote")}
        option={{
          grid,
          xAxis: categoryAxis(days.map((d) => d.computedOn.slice(5))),
          yAxis: valueAxis,
          series: [
            {
              type: "line",
              name: tr("composite"),
              data: days.map((d) => d.composite),
              connectNulls: false,
              symbolSize: 6,
              lineStyle: { width: 3 },
              markArea: bandAreas(en),
            },
          ],
        }}
        table={{
          columns: [
            { label: t("computedOn") },
            { label: tr("composite"), numeric: true },
            { label: tr("band") },
            { label: tr("cases"), numeric: true },
            { label: t("version") },
          ],
          rows: days.map((d) => [d.computedOn, compositeText(d), bandName(d.band), d.cases, d.methodologyVersion]),
        }}
      />
    );

  const indicatorName = (i: (typeof methodology.indicators)[number]) => (en ? i.nameEn : i.nameZh);
  const subOf = (p: HistoryPoint | undefined, code: string) => p?.indicators.find((i) => i.code === code)?.subIndex ?? null;
  const subIndices =
    months.length === 0 ? null : (
      <Chart
        testId="history-sub-indices"
        title={t("subIndicesTitle")}
        note={
          <>
            <p>{t("subIndicesNote")}</p>
            {/* The legend in HTML: it wraps and stays legible at phone width, where the drawing's text is small. */}
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-slate-900" aria-label={t("legend")}>
              {methodology.indicators.map((ind, i) => (
                <li key={ind.code} className="flex items-center gap-1">
                  <span aria-hidden="true" style={{ color: seriesColours[i % seriesColours.length] }}>
                    {symbols[i % symbols.length]!.glyph}
                  </span>
                  {indicatorName(ind)}
                </li>
              ))}
            </ul>
          </>
        }
        {...size}
        option={{
          grid: { ...grid, right: 16 },
          xAxis: categoryAxis(months),
          yAxis: valueAxis,
          series: methodology.indicators.map((ind, i) => ({
            type: "line",
            name: indicatorName(ind),
            data: months.map((m) => subOf(byMonth.get(m), ind.code)),
            connectNulls: false,
            // A shape per line as well as a colour, so the lines are told apart without colour.
            symbol: symbols[i % symbols.length]!.echarts,
            symbolSize: 8,
            lineStyle: { width: 2 },
          })),
        }}
        table={{
          columns: [{ label: t("month") }, ...methodology.indicators.map((ind) => ({ label: indicatorName(ind), numeric: true }))],
          rows: months.map((m) => {
            const p = byMonth.get(m);
            return [m, ...methodology.indicators.map((ind) => subOf(p, ind.code)?.toFixed(1) ?? "—")];
          }),
        }}
      />
    );

  if (!monthly && !daily) return <p className="text-slate-700">{t("noHistory")}</p>;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {monthly}
      {subIndices}
      {daily}
    </div>
  );
}
