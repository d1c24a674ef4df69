import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { OpinionTemplatesManager } from "@/modules/review/components/opinion-templates-manager";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review.templates"))("title") };
}

type Search = Promise<{ department?: string | string[] }>;

/** 审查意见模板: the data office keeps each department's opinion templates. */
export default async function OpinionTemplatesPage({ searchParams }: { searchParams: Search }) {
  await requireRole(["dataOffice"], "/data-office/opinion-templates");
  const { department } = await searchParams;
  const caller = await api();
  const [t, locale, departments] = await Promise.all([getTranslations("review.templates"), getLocale(), caller.identity.departments()]);
  // An unknown department in the URL falls back to the first one.
  const chosen = departments.find((d) => d.id === department) ?? departments[0];
  const templates = chosen ? await caller.review.departmentTemplates({ departmentId: chosen.id }) : [];
  const name = (d: { nameZh: string; nameEn: string }) => (locale === "en" ? d.nameEn : d.nameZh);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/data-office" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <form method="get" action="/data-office/opinion-templates" className="flex flex-wrap items-end gap-3">
          <div className="flex w-full min-w-0 flex-col gap-1 sm:w-auto">
            <label htmlFor="template-department" className="font-medium text-slate-800">
              {t("department")}
            </label>
            <select
              id="template-department"
              name="department"
              defaultValue={chosen?.id}
              className="w-full max-w-full rounded border border-slate-400 bg-white px-3 py-2"
            >
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {name(d)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("show")}
          </button>
        </form>
      </Card>
      {chosen ? (
        <section aria-labelledby="templates-heading" className="flex flex-col gap-3">
          <h2 id="templates-heading" className="text-xl font-semibold">
            {t("of", { department: name(chosen) })}
          </h2>
          <OpinionTemplatesManager key={chosen.id} departmentId={chosen.id} templates={templates} />
        </section>
      ) : null}
    </div>
  );
}
