import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { formatFee, pick, pickText } from "@/modules/catalog/components/format";
import { GuideSearchForm } from "@/modules/catalog/components/guide-search-form";
import { filterGuides, isFiltered, parseGuideFilter } from "@/modules/catalog/guide-search";
import type { GuideList } from "@/modules/catalog/views";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalog.guides"))("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function GuidesPage({ searchParams }: { searchParams: Search }) {
  const [t, tc, locale, all, search] = await Promise.all([
    getTranslations("catalog.guides"),
    getTranslations("catalog"),
    getLocale(),
    (await api()).catalog.guides(),
    searchParams,
  ]);
  const { filter, error } = parseGuideFilter(search);
  const guides = filterGuides(all, filter);
  const filtered = isFiltered(filter);
  const byDepartment = new Map<string, { name: string; services: GuideList["services"] }>();
  for (const s of guides.services) {
    const group = byDepartment.get(s.department.code) ?? { name: pick(s.department, locale), services: [] };
    group.services.push(s);
    byDepartment.set(s.department.code, group);
  }
  const kinds = (list: Array<"enterprise" | "citizen">) => list.map((k) => tc(`kinds.${k}`)).join(locale === "en" ? ", " : "、");

  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={t("title")} lead={t("lead")} />

      <GuideSearchForm guides={all} filter={filter} locale={locale} />
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {tc(`search.errors.${error}`)}
        </p>
      ) : null}
      {filtered ? (
        <p role="status" className="text-slate-700" data-testid="guide-search-count">
          {tc("search.found", { bundles: guides.bundles.length, services: guides.services.length })}
        </p>
      ) : null}

      <section aria-labelledby="bundles-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="bundles-heading" className="text-2xl font-semibold">
            {t("bundles")}
          </h2>
          <p className="text-slate-700">{t("bundlesLead")}</p>
        </div>
        {guides.bundles.length === 0 ? (
          <EmptyState title={filtered ? tc("search.none") : t("empty")} />
        ) : (
          <ul className="grid gap-4 md:grid-cols-2" data-testid="guide-bundles">
            {guides.bundles.map((b) => (
              <li key={b.code} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
                <h3 className="text-lg font-semibold">
                  <Link href={`/guides/${b.code}`} className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
                    {pick(b, locale)}
                  </Link>
                </h3>
                <p className="text-slate-700">{pickText(b.descriptionZh, b.descriptionEn, locale)}</p>
                <ul className="mt-auto flex flex-col gap-1 text-sm text-slate-700">
                  <li className="font-medium text-slate-900">{t("bundleDays", { promised: b.promisedDays, statutory: b.statutoryDays })}</li>
                  <li>{t("feeValue", { fee: formatFee(b.feeFen, locale, tc("free")) })}</li>
                  <li>
                    {t("shape", { steps: b.stepCount, stages: b.stageCount })} · {t("departments", { count: b.departments.length })}
                  </li>
                  <li>{t("leadDepartment", { department: pick(b.leadDepartment, locale) })}</li>
                  <li>{t("for", { kinds: kinds(b.applicantKinds) })}</li>
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="services-heading" className="flex flex-col gap-4">
        <h2 id="services-heading" className="text-2xl font-semibold">
          {t("services")}
        </h2>
        {guides.services.length === 0 ? <EmptyState title={filtered ? tc("search.none") : t("empty")} /> : null}
        {[...byDepartment.entries()].map(([code, group]) => (
          <section key={code} aria-labelledby={`department-${code}`} className="flex flex-col gap-2">
            <h3 id={`department-${code}`} className="text-lg font-semibold text-brand-800">
              {group.name}
            </h3>
            <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-left text-sm sm:text-base">
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="w-1/2 px-3 py-2 font-semibold">
                      {t("service")}
                    </th>
                    <th scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">
                      {t("promised")}
                    </th>
                    <th scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">
                      {t("statutory")}
                    </th>
                    <th scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">
                      {t("fee")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {group.services.map((s) => (
                    <tr key={s.code} className="border-t border-slate-100">
                      <th scope="row" className="px-3 py-2 font-normal">
                        <Link href={`/guides/${s.code}`} className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
                          {pick(s, locale)}
                        </Link>
                      </th>
                      <td className="whitespace-nowrap px-3 py-2">{tc("days", { count: s.promisedDays })}</td>
                      <td className="whitespace-nowrap px-3 py-2">{tc("days", { count: s.statutoryDays })}</td>
                      <td className="whitespace-nowrap px-3 py-2">{formatFee(s.feeFen, locale, tc("free"))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </section>
    </div>
  );
}
