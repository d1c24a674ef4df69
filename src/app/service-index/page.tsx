import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { unitKinds } from "@/modules/serviceIndex/compute-inputs";
import { ZIndexQuery } from "@/modules/serviceIndex/inputs";
import { methodology } from "@/modules/serviceIndex/model";
import { publishedPeriods, readIndex } from "@/modules/serviceIndex/read-index";
import { getDb } from "@/server/db";
import { DemoNotice } from "@/components/demo-notice";
import { hasDemoHistory } from "@/modules/applications/demo-data";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("serviceIndex.ranking"))("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The service index of every department, service or city, best first, like an air-quality table. */
export default async function ServiceIndexPage({ searchParams }: { searchParams: Search }) {
  const raw = await searchParams;
  const parsed = ZIndexQuery.safeParse({
    period: typeof raw.period === "string" && raw.period ? raw.period : undefined,
    kind: typeof raw.kind === "string" && raw.kind ? raw.kind : undefined,
  });
  const q = parsed.success ? parsed.data : ZIndexQuery.parse({});
  const db = await getDb();
  const [t, locale, result, periods] = await Promise.all([getTranslations("serviceIndex.ranking"), getLocale(), readIndex(db, q), publishedPeriods(db)]);
  const en = locale === "en";
  const values = result === "unknownUnit" ? [] : result.values;
  const computedOn = result === "unknownUnit" ? null : result.computedOn;
  const band = (code: string | null) => methodology.bands.find((b) => b.code === code);
  const indicatorName = (code: string | null) => {
    const ind = methodology.indicators.find((i) => i.code === code);
    return ind ? (en ? ind.nameEn : ind.nameZh) : "";
  };
  const periodLabel = (p: string) => (p === "last30" ? t("last30") : p);
  const input = "w-full rounded border border-slate-400 bg-white px-3 py-2";
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")}>
        <Link href="/service-index/methodology" className="text-brand-700 underline underline-offset-2">
          {t("methodology")}
        </Link>
      </PageHeader>
      <DemoNotice show={await hasDemoHistory(db)} />

      <form
        method="get"
        action="/service-index"
        aria-label={t("filter")}
        className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <div className="flex w-full flex-col gap-1 sm:w-56">
          <label htmlFor="index-kind" className="font-medium">
            {t("kind")}
          </label>
          <select id="index-kind" name="kind" defaultValue={q.kind} className={input}>
            {unitKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex w-full flex-col gap-1 sm:w-56">
          <label htmlFor="index-period" className="font-medium">
            {t("period")}
          </label>
          <select id="index-period" name="period" defaultValue={q.period} className={input}>
            {[...new Set(["last30", ...periods, q.period])].map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
          {t("show")}
        </button>
      </form>

      {!parsed.success ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {t("badFilter")}
        </p>
      ) : null}

      <p className="text-slate-700" data-testid="index-computed-on">
        {computedOn ? t("computedOn", { date: computedOn, version: methodology.version, period: periodLabel(q.period) }) : t("notYet")}
      </p>

      {values.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          tabIndex={0}
          role="region"
          aria-label={t("caption", { kind: t(`kinds.${q.kind}`), period: periodLabel(q.period) })}
        >
          <table className="w-full text-left text-sm sm:text-base" data-testid="index-ranking">
            <caption className="sr-only">{t("caption", { kind: t(`kinds.${q.kind}`), period: periodLabel(q.period) })}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("rank")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("unit")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("composite")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("band")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("shortfall")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("cases")}
                </th>
              </tr>
            </thead>
            <tbody>
              {values.map((v, i) => {
                const b = band(v.band);
                return (
                  <tr key={v.code} className="border-t border-slate-100" data-unit={v.code}>
                    <td className="px-3 py-2 tabular-nums">{v.composite === null ? "—" : i + 1}</td>
                    <th scope="row" className="px-3 py-2 font-medium">
                      <Link href={`/service-index/${v.kind}/${encodeURIComponent(v.code)}`} className="text-brand-700 underline underline-offset-2">
                        {en ? v.nameEn : v.nameZh}
                      </Link>
                    </th>
                    <td className="px-3 py-2 text-right font-semibold tabular-nums">{v.composite === null ? t("insufficient") : v.composite.toFixed(1)}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {b ? (
                        <>
                          <span aria-hidden="true" className="mr-2 inline-block h-3 w-5 rounded-sm align-middle" style={{ backgroundColor: b.colour }} />
                          {en ? b.nameEn : b.nameZh}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-3 py-2">{v.primaryShortfall ? indicatorName(v.primaryShortfall) : "—"}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{v.cases}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <p className="text-sm text-slate-700">
        {t("openData")}{" "}
        <a href={`/api/open/service-index.json?kind=${q.kind}&period=${q.period}`} className="text-brand-700 underline underline-offset-2">
          JSON
        </a>{" "}
        ·{" "}
        <a href={`/api/open/service-index.csv?kind=${q.kind}&period=${q.period}`} className="text-brand-700 underline underline-offset-2">
          CSV
        </a>
      </p>
    </div>
  );
}
