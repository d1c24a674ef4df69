import "server-only";
import * as echarts from "echarts";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

/** The site's font stack (globals.css), so the SVG's text matches the page's and needs no web font. */
const fontFamily = '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif';

/** Colours for series, dark enough on white for 3:1 against the background (WCAG 1.4.11). */
export const seriesColours = ["#1a3fae", "#b45309", "#047857", "#b91c1c", "#6d28d9", "#0e7490", "#4d7c0f", "#9d174d"];

/** One column of a chart's data table. */
export interface ChartColumn {
  label: string;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

export interface ChartProps {
  /** Says what the chart shows; the figure's caption and the picture's accessible name. */
  title: string;
  /** An ECharts option. Animation is turned off; the text uses the site's fonts. */
  option: echarts.EChartsCoreOption;
  /** The same data as a table, one click away (every chart has one). */
  table: { columns: ChartColumn[]; rows: Array<Array<ReactNode>> };
  /** The drawing's size in SVG units; it scales to the width of its container. */
  width?: number;
  height?: number;
  /** Shown under the caption, e.g. what the colours mean or where the data comes from. */
  note?: ReactNode;
  testId?: string;
}

/**
 * Draws a chart on the server with ECharts' SVG renderer (no JavaScript in the browser, nothing
 * fetched), as a picture with an accessible name, and its data as a table in a disclosure below it.
 * Text in the SVG is escaped by ECharts; the table is rendered by React.
 */
export async function Chart({ title, option, table, width = 720, height = 320, note, testId }: ChartProps) {
  const t = await getTranslations("layout.chart");
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({ animation: false, color: seriesColours, textStyle: { fontFamily }, ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  return (
    <figure className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <figcaption className="font-semibold text-slate-900">{title}</figcaption>
      {note ? <div className="text-sm text-slate-600">{note}</div> : null}
      <div
        role="img"
        aria-label={title}
        className="w-full overflow-hidden [&>svg]:h-auto [&>svg]:w-full"
        // The SVG is ECharts' own output from our data; ECharts escapes the text it draws.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 underline underline-offset-2">{t("dataTable")}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.label} scope="col" className={`border-b border-slate-300 px-2 py-1 font-medium ${c.numeric ? "text-right" : ""}`}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i} className="odd:bg-slate-50">
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th key={table.columns[j]?.label ?? j} scope="row" className="px-2 py-1 font-normal">
                        {cell}
                      </th>
                    ) : (
                      <td key={table.columns[j]?.label ?? j} className={`px-2 py-1 ${table.columns[j]?.numeric ? "text-right tabular-nums" : ""}`}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
