import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Card, PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { AddPersonForm } from "@/modules/sharing/components/population/add-person-form";
import { ZPopulationListInput } from "@/modules/sharing/inputs";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.population"))("title") };
}

type Search = Promise<{ q?: string; page?: string }>;

/** Public security's population register: add a person (with their ID card), find one. */
export default async function PopulationPage({ searchParams }: { searchParams: Search }) {
  await requireRole(["reviewer"], "/review/population");
  const caller = await api();
  if (!(await caller.sharing.keepsPopulationRegister())) redirect("/review");
  const params = await searchParams;
  const parsed = ZPopulationListInput.safeParse({ query: params.q || undefined, page: params.page ?? 1 });
  const input = parsed.success ? parsed.data : { page: 1 };
  const [t, format, list] = await Promise.all([getTranslations("sharing.population"), getFormatter(), caller.sharing.populationRecords(input)]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const href = (page: number) => {
    const q = new URLSearchParams();
    if (input.query) q.set("q", input.query);
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `/review/population?${s}` : "/review/population";
  };
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <AddPersonForm />
      </Card>
      <section aria-labelledby="records-heading" className="flex flex-col gap-3">
        <h2 id="records-heading" className="text-xl font-semibold">
          {t("records", { total: list.total })}
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1">
            {t("search")}
            <input name="q" defaultValue={input.query ?? ""} maxLength={40} className="rounded border border-slate-400 px-3 py-2" />
          </label>
          <button type="submit" className="rounded border border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50">
            {t("searchButton")}
          </button>
        </form>
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm" data-testid="population-records">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="px-2 py-1">
                  {t("name")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("idNumber")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("sex")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("birthDate")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("division")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("recordedAt")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.records.map((r) => (
                <tr key={`${r.idNumberMasked}-${r.name}`} className="border-b border-slate-200">
                  <td className="px-2 py-1">{r.name}</td>
                  <td className="px-2 py-1 font-mono">{r.idNumberMasked}</td>
                  <td className="px-2 py-1">{t(`sexes.${r.sex}`)}</td>
                  <td className="px-2 py-1">{r.birthDate}</td>
                  <td className="px-2 py-1 font-mono">{r.householdDivisionCode}</td>
                  <td className="px-2 py-1">
                    {r.fromDataFile ? t("fromDataFile") : format.dateTime(r.recordedAt, { dateStyle: "medium", timeStyle: "short" })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination page={list.page} pages={pages} hrefFor={href} label={t("pagination")} />
      </section>
    </div>
  );
}
