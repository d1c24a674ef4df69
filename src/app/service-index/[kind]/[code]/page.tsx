import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DemoNotice } from "@/components/demo-notice";
import { Card, PageHeader } from "@/components/page-header";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { IndexHistoryCharts } from "@/modules/serviceIndex/components/index-history-charts";
import { ZUnitRef } from "@/modules/serviceIndex/inputs";
import { methodology } from "@/modules/serviceIndex/model";
import { readIndexHistory } from "@/modules/serviceIndex/read-history";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

type Params = Promise<{ kind: string; code: string }>;

/** The unit's history, or null when the path names no unit (malformed or unknown: the 404 page). */
async function historyOf(params: Params) {
  const raw = await params;
  const parsed = ZUnitRef.safeParse({ kind: raw.kind, code: raw.code });
  if (!parsed.success) return null;
  const history = await readIndexHistory(await getDb(), parsed.data);
  return history === "unknownUnit" ? null : history;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [history, t, locale] = await Promise.all([historyOf(params), getTranslations("serviceIndex.unit"), getLocale()]);
  return { title: history ? t("title", { name: locale === "en" ? history.nameEn : history.nameZh }) : undefined };
}

/** One department's, service's or city's index: the latest value with every sub-index and count, and its history. */
export default async function ServiceIndexUnitPage({ params }: { params: Params }) {
  const history = await historyOf(params);
  if (!history) notFound();
  const [t, tr, tm, locale] = await Promise.all([
    getTranslations("serviceIndex.unit"),
    getTranslations("serviceIndex.ranking"),
    getTranslations("serviceIndex.methodology"),
    getLocale(),
  ]);
  const en = locale === "en";
  const name = en ? history.nameEn : history.nameZh;
  // The latest value: today's last-30-days snapshot, else the newest month.
  const latest = history.days.at(-1) ?? history.months.at(-1) ?? null;
  const band = methodology.bands.find((b) => b.code === latest?.band);
  const shortfall = methodology.indicators.find((i) => i.code === latest?.primaryShortfall);
  const periodLabel = (p: string) => (p === "last30" ? tr("last30") : p);
  const unitParam = `${history.kind}:${history.code}`;
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href={`/service-index?kind=${history.kind}`} className="text-brand-700 underline underline-offset-2">
          {t("back")}
        </Link>
      </p>
      <PageHeader title={t("title", { name })} lead={t("lead", { kind: tr(`kinds.${history.kind}`) })}>
        <Link href="/service-index/methodology" className="text-brand-700 underline underline-offset-2">
          {tr("methodology")}
        </Link>
      </PageHeader>
      <DemoNotice show={await hasDemoHistory(await getDb())} />

      <Card>
        <h2 className="text-xl font-semibold">{t("latest")}</h2>
        {latest ? (
          <>
            <p className="mt-1 text-sm text-slate-700" data-testid="unit-latest-of">
              {t("latestOf", { period: periodLabel(latest.period), date: latest.computedOn, version: latest.methodologyVersion })}
            </p>
            <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
              <div>
                <dt className="text-sm text-slate-600">{tr("composite")}</dt>
                <dd className="text-3xl font-bold tabular-nums" data-testid="unit-composite">
                  {latest.composite === null ? tr("insufficient") : latest.composite.toFixed(1)}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">{tr("band")}</dt>
                <dd className="mt-1 flex items-center gap-2 text-lg font-semibold" data-testid="unit-band">
                  {band ? (
                    <>
                      <span aria-hidden="true" className="inline-block h-4 w-6 rounded-sm" style={{ backgroundColor: band.colour }} />
                      {en ? band.nameEn : band.nameZh}
                    </>
                  ) : (
                    "—"
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">{tr("shortfall")}</dt>
                <dd className="mt-1 text-lg font-semibold" data-testid="unit-shortfall">
                  {shortfall ? (en ? shortfall.nameEn : shortfall.nameZh) : "—"}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">{tr("cases")}</dt>
                <dd className="mt-1 text-lg font-semibold tabular-nums">{latest.cases}</dd>
              </div>
            </dl>

            <h3 className="mt-6 font-semibold">{t("indicatorsTitle")}</h3>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="unit-indicators">
                <caption className="sr-only">{t("indicatorsCaption", { name })}</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("indicator")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      {tm("subIndex")}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      {tm("value")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {tm("inputs")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {methodology.indicators.map((ind) => {
                    const r = latest.indicators.find((i) => i.code === ind.code);
                    const [num, den] = ind.inputs;
                    return (
                      <tr key={ind.code} className="border-t border-slate-100" data-indicator={ind.code}>
                        <th scope="row" className="px-3 py-2 font-medium sm:whitespace-nowrap">
                          <span className="whitespace-nowrap">{en ? ind.nameEn : ind.nameZh}</span>
                          <span className="block text-xs font-normal text-slate-600">{tm("weight", { weight: `${Math.round(ind.weight * 100)}%` })}</span>
                        </th>
                        <td className="px-3 py-2 text-right font-semibold tabular-nums">
                          {r?.subIndex === null || r === undefined ? "—" : r.subIndex.toFixed(1)}
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums">{r?.value ?? "—"}</td>
                        <td className="px-3 py-2">
                          <span className="tabular-nums" data-testid={`inputs-${ind.code}`}>
                            {latest.inputs[num] ?? 0} ÷ {latest.inputs[den] ?? 0}
                          </span>
                          <span className="block text-xs text-slate-600">{en ? ind.formulaEn : ind.formulaZh}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="mt-2 text-slate-700">{t("notYet")}</p>
        )}
      </Card>

      <section aria-labelledby="history-heading" className="flex flex-col gap-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          {t("historyTitle")}
        </h2>
        <IndexHistoryCharts history={history} />
      </section>

      <p className="text-sm text-slate-700">
        {t("openData")}{" "}
        <a href={`/api/open/service-index/history.json?unit=${encodeURIComponent(unitParam)}`} className="text-brand-700 underline underline-offset-2">
          JSON
        </a>
      </p>
    </div>
  );
}
