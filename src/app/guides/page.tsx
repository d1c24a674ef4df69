import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalog.guides"))("title") };
}

export default async function GuidesPage() {
  const [t, locale, guides] = await Promise.all([getTranslations("catalog.guides"), getLocale(), (await api()).catalog.guides()]);
  const en = locale === "en";
  const byDept = new Map<string, typeof guides.services>();
  for (const s of guides.services) byDept.set(en ? s.deptEn : s.deptZh, [...(byDept.get(en ? s.deptEn : s.deptZh) ?? []), s]);
  return (
    <div className="flex flex-col gap-8">
      <PageHeader title={t("title")} lead={t("intro")} />
      <section aria-labelledby="bundles-heading" className="flex flex-col gap-3">
        <h2 id="bundles-heading" className="text-2xl font-semibold">
          {t("bundles")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {guides.bundles.map((b) => (
            <Card key={b.code}>
              <h3 className="text-lg font-semibold">
                <Link href={`/guides/bundle/${b.code}`} className="text-brand-700 underline">
                  {en ? b.nameEn : b.nameZh}
                </Link>
              </h3>
              <p className="mt-2 text-slate-700">{en ? b.descriptionEn : b.descriptionZh}</p>
              <p className="mt-2 text-sm text-slate-600">{t("leadDepartment", { department: en ? b.deptEn : b.deptZh })}</p>
            </Card>
          ))}
        </div>
      </section>
      <section aria-labelledby="services-heading" className="flex flex-col gap-4">
        <h2 id="services-heading" className="text-2xl font-semibold">
          {t("services")}
        </h2>
        {[...byDept.entries()].map(([dept, list]) => (
          <div key={dept}>
            <h3 className="mb-2 text-lg font-semibold">{dept}</h3>
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
              {list.map((s) => (
                <li key={s.code} className="flex flex-col gap-1 p-3 sm:flex-row sm:items-center sm:justify-between">
                  <Link href={`/guides/service/${s.code}`} className="text-brand-700 underline">
                    {en ? s.nameEn : s.nameZh}
                  </Link>
                  <span className="text-sm text-slate-700">
                    {t("limits", { promised: s.promisedDays, statutory: s.statutoryDays })} · {s.feeFen === 0 ? t("free") : t("fee", { yuan: (s.feeFen / 100).toFixed(2) })}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
