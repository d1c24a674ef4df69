import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { DatasetCard } from "@/modules/openData/components/dataset-card";
import { openDataLicence, openDataPublisher } from "@/modules/openData/datasets";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("openData"))("title") };
}

/** 政务数据开放: the public datasets, aggregates only, with their files and a preview. No sign-in. */
export default async function OpenDataPage() {
  const caller = await api();
  const [t, locale, previews] = await Promise.all([getTranslations("openData"), getLocale(), caller.openData.previews()]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("principles.title")}</h2>
        <ul className="flex list-disc flex-col gap-1 pl-5 text-slate-800">
          <li>{t("principles.aggregates")}</li>
          <li>{t("principles.noPersonalData")}</li>
          <li>
            {t.rich("principles.licence", {
              licence: openDataLicence.name,
              publisher: locale === "en" ? openDataPublisher.en : openDataPublisher.zh,
              link: (chunks) => (
                <a href={openDataLicence.url} rel="license noopener" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
                  {chunks}
                </a>
              ),
            })}
          </li>
          <li className="break-words">
            {t.rich("principles.api", {
              json: "/api/open/datasets/{code}.json",
              csv: "/api/open/datasets/{code}.csv",
              code: (chunks) => <code className="font-mono text-sm">{chunks}</code>,
            })}
          </li>
        </ul>
      </Card>
      <section aria-labelledby="datasets-heading" className="flex flex-col gap-4">
        <h2 id="datasets-heading" className="text-2xl font-semibold">
          {t("datasets", { count: previews.length })}
        </h2>
        {previews.map((p) => (
          <DatasetCard key={p.dataset.code} preview={p} />
        ))}
      </section>
    </div>
  );
}
