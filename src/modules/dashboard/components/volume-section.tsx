import { getLocale, getTranslations } from "next-intl/server";
import { Chart } from "@/components/chart";
import { EmptyState } from "@/components/empty-state";
import { decidedCount, volumeKinds, type Volumes } from "../model";
import { Figure } from "./figure";

/** Today's and this month's counts as figures, and the last 30 days as a line chart with its table. */
export async function VolumeSection({ volumes }: { volumes: Volumes }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard.volumes"), getLocale()]);
  const number = new Intl.NumberFormat(locale);
  const quiet = volumes.daily.every((d) => volumeKinds.every((k) => d[k] === 0));
  const lines = [
    { key: "submitted", data: volumes.daily.map((d) => d.submitted) },
    { key: "accepted", data: volumes.daily.map((d) => d.accepted) },
    { key: "decided", data: volumes.daily.map((d) => decidedCount(d)) },
  ] as const;
  return (
    <section aria-labelledby="volumes-heading" className="flex flex-col gap-3">
      <h2 id="volumes-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="volume-figures">
        {volumeKinds.map((kind) => (
          <Figure
            key={kind}
            testId={`figure-${kind}`}
            label={`${t(`kind.${kind}`)} · ${t("today")}`}
            value={volumes.today[kind]}
            sub={t("month", { count: number.format(volumes.month[kind]) })}
          />
        ))}
      </div>
      {quiet ? (
        <EmptyState title={t("empty")} />
      ) : (
        <Chart
          testId="chart-volumes"
          width={960}
          title={t("chartTitle")}
          note={t("chartNote")}
          option={{
            legend: { top: 0, itemGap: 32, data: lines.map((l) => t(`kind.${l.key}`)) },
            grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
            xAxis: { type: "category", boundaryGap: false, data: volumes.daily.map((d) => d.day.slice(5)), axisLabel: { interval: 6 } },
            yAxis: { type: "value", minInterval: 1 },
            series: lines.map((l) => ({ type: "line", name: t(`kind.${l.key}`), data: [...l.data], symbolSize: 5 })),
          }}
          table={{
            columns: [{ label: t("day") }, ...volumeKinds.map((k) => ({ label: t(`kind.${k}`), numeric: true })), { label: t("kind.decided"), numeric: true }],
            rows: volumes.daily.map((d) => [d.day, ...volumeKinds.map((k) => number.format(d[k])), number.format(decidedCount(d))]),
          }}
        />
      )}
    </section>
  );
}
