import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { methodology } from "@/modules/serviceIndex/model";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("serviceIndex.methodology"))("title") };
}

/** The service index's methodology in words and tables: what anyone needs to recompute a value. */
export default async function MethodologyPage() {
  const [t, locale] = await Promise.all([getTranslations("serviceIndex.methodology"), getLocale()]);
  const en = locale === "en";
  const percent = (w: number) => `${Math.round(w * 100)}%`;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead", { version: methodology.version, date: methodology.publishedOn })} />
      <Card>
        <h2 className="text-xl font-semibold">{t("formulaTitle")}</h2>
        <ol className="mt-3 list-decimal space-y-2 pl-6 text-slate-800">
          <li>{t("step1")}</li>
          <li>
            {t("step2")}
            <p className="mt-1 overflow-x-auto rounded bg-slate-50 px-3 py-2 font-mono text-sm">I = (I_hi − I_lo) / (BP_hi − BP_lo) × (C − BP_lo) + I_lo</p>
          </li>
          <li>{t("step3")}</li>
          <li>{t("step4")}</li>
          <li>{t("step5", { minimum: methodology.minimumCases })}</li>
        </ol>
        <p className="mt-3 text-slate-700">
          {t("open")}{" "}
          <a href="/api/open/service-index/methodology.json" className="text-brand-700 underline underline-offset-2">
            methodology.json
          </a>
        </p>
      </Card>

      <section aria-labelledby="bands-heading" className="flex flex-col gap-3">
        <h2 id="bands-heading" className="text-xl font-semibold">
          {t("bandsTitle")}
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="index-bands">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("band")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("range")}
                </th>
              </tr>
            </thead>
            <tbody>
              {methodology.bands.map((b, i) => (
                <tr key={b.code} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <span aria-hidden="true" className="mr-2 inline-block h-3 w-6 rounded-sm align-middle" style={{ backgroundColor: b.colour }} />
                    {en ? b.nameEn : b.nameZh}
                  </th>
                  <td className="px-3 py-2">{i === 0 ? `${b.from}–100` : `${b.from}–${methodology.bands[i - 1]!.from}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="indicators-heading" className="flex flex-col gap-4">
        <h2 id="indicators-heading" className="text-xl font-semibold">
          {t("indicatorsTitle")}
        </h2>
        {methodology.indicators.map((ind) => (
          <Card key={ind.code}>
            <h3 className="text-lg font-semibold text-brand-800">
              {en ? ind.nameEn : ind.nameZh} <span className="text-sm font-normal text-slate-700">· {t("weight", { weight: percent(ind.weight) })}</span>
            </h3>
            <p className="mt-1 text-slate-800">{en ? ind.formulaEn : ind.formulaZh}</p>
            <p className="mt-1 text-sm text-slate-700">
              {t("inputs")}: <code>{ind.inputs[0]}</code> ÷ <code>{ind.inputs[1]}</code>
            </p>
            <div className="mt-3 overflow-x-auto">
              <table className="text-sm" data-testid={`breakpoints-${ind.code}`}>
                <caption className="sr-only">{t("breakpointsOf", { name: en ? ind.nameEn : ind.nameZh })}</caption>
                <tbody>
                  <tr>
                    <th scope="row" className="whitespace-nowrap pr-3 text-left font-medium">
                      {t("value")}
                    </th>
                    {ind.breakpoints.map((b) => (
                      <td key={b.value} className="border-l border-slate-200 px-3 py-1 text-right tabular-nums">
                        {b.value}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row" className="whitespace-nowrap pr-3 text-left font-medium">
                      {t("subIndex")}
                    </th>
                    {ind.breakpoints.map((b) => (
                      <td key={b.value} className="border-l border-slate-200 px-3 py-1 text-right tabular-nums">
                        {b.index}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          </Card>
        ))}
      </section>
    </div>
  );
}
