import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { msg, translateMessage } from "@/lib/message";
import { pick } from "@/modules/catalog/components/format";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalog.lint"))("title") };
}

const cell = "px-3 py-2 align-top";

/** 目录体检: the whole catalog's needless and circular certificates, and where each service gets its materials. */
export default async function CatalogLintPage() {
  await requireRole(["dataOffice"], "/data-office/catalog/lint");
  const [t, tAll, locale, lint] = await Promise.all([getTranslations("catalog.lint"), getTranslations(), getLocale(), (await api()).catalog.lint()]);
  const names = (list: Array<{ nameZh: string; nameEn: string }>) => list.map((m) => pick(m, locale)).join(locale === "en" ? ", " : "、");
  const total = (k: "shared" | "commitment" | "uploaded") => lint.services.reduce((n, s) => n + s[k].length, 0);
  return (
    <div className="flex flex-col gap-8">
      <nav aria-label={t("back")}>
        <Link href="/data-office/catalog" className="text-brand-700 underline underline-offset-2">
          ← {t("back")}
        </Link>
      </nav>
      <PageHeader title={t("title")} lead={t("lead")} />

      <section aria-labelledby="findings-heading" className="flex flex-col gap-3">
        <h2 id="findings-heading" className="text-2xl font-semibold">
          {t("findings")} <span className="text-base font-normal text-slate-700">({t("findingsCount", { count: lint.findings.length })})</span>
        </h2>
        {lint.findings.length === 0 ? (
          <p className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900" data-testid="lint-none">
            {t("none")}
          </p>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="lint-findings">
            {lint.findings.map((f) => (
              <li key={f.id} className="rounded border border-seal-600 bg-white px-3 py-2" data-testid={`finding-${f.code}`}>
                <span className="mr-2 inline-block rounded bg-seal-600 px-2 py-0.5 text-sm font-medium text-white">{t(`code.${f.code}`)}</span>
                {translateMessage(tAll, msg(`catalog.lint.finding.${f.code}`, f.message.params))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="report-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="report-heading" className="text-2xl font-semibold">
            {t("report")}
          </h2>
          <p className="text-slate-700">{t("reportLead")}</p>
        </div>
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[36rem] text-left text-sm" data-testid="supply-report">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("column.service")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("column.shared")}
                </th>
                <th scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">
                  {t("column.commitment")}
                  <sup>
                    <a href="#commitment-note" className="text-brand-700 underline" aria-label={t("commitmentNote")}>
                      *
                    </a>
                  </sup>
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("column.uploaded")}
                </th>
              </tr>
            </thead>
            <tbody>
              {lint.services.map((s) => (
                <tr key={s.code} className="border-t border-slate-100" data-testid={`supply-${s.code}`}>
                  <th scope="row" className={`${cell} font-medium`}>
                    {pick(s, locale)}
                    <span className="block font-mono text-xs font-normal text-slate-600">{s.code}</span>
                  </th>
                  <td className={cell} data-testid={`shared-${s.code}`}>
                    <span className="font-semibold">{s.shared.length}</span>
                    {s.shared.length ? <span className="block text-slate-700">{names(s.shared)}</span> : null}
                  </td>
                  <td className={cell} data-testid={`commitment-${s.code}`}>
                    <span className="font-semibold">{s.commitment.length}</span>
                    {s.commitment.length ? <span className="block text-slate-700">{names(s.commitment)}</span> : null}
                  </td>
                  <td className={cell} data-testid={`uploaded-${s.code}`}>
                    <span className="font-semibold">{s.uploaded.length}</span>
                    {s.uploaded.length ? <span className="block text-slate-700">{names(s.uploaded)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-slate-300 bg-slate-50">
              <tr>
                <th scope="row" className={`${cell} font-semibold`}>
                  {t("total")}
                </th>
                <td className={`${cell} font-semibold`}>{total("shared")}</td>
                <td className={`${cell} font-semibold`}>{total("commitment")}</td>
                <td className={`${cell} font-semibold`}>{total("uploaded")}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p id="commitment-note" className="text-sm text-slate-700">
          * {t("commitmentNote")}
        </p>
      </section>
    </div>
  );
}
