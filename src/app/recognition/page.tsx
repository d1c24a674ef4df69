import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { regions } from "@/lib/regions";
import { RecognitionFacts } from "@/modules/recognition/components/recognition-facts";
import { currentRecognitions } from "@/modules/recognition/views";
import { getDb } from "@/server/db";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recognition.public"))("title") };
}

/** This node's recognition matrix: the certificates of other regions its services accept, and in place of what. */
export default async function RecognitionPage() {
  const [t, locale, entries] = await Promise.all([getTranslations("recognition.public"), getLocale(), currentRecognitions(await getDb())]);
  const region = regions[env().REGION];
  const en = locale === "en";
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <PageHeader title={t("title")} lead={t("intro", { region: en ? region.nameEn : region.nameZh })} />
      <p>
        <a href="/api/open/recognition.json" className="text-brand-700 underline">
          {t("json")}
        </a>
      </p>
      {entries.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="flex flex-col gap-4" aria-label={t("listLabel")} data-testid="recognitions">
          {entries.map((e) => (
            <li
              key={e.id}
              className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-foreign-type={e.foreignTypeCode}
            >
              <h2 className="text-lg font-semibold">
                {en ? e.serviceNameEn : e.serviceNameZh} · {en ? e.foreignTypeNameEn : e.foreignTypeNameZh}
              </h2>
              <RecognitionFacts entry={e} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
