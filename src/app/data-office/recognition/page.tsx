import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RecognitionFacts } from "@/modules/recognition/components/recognition-facts";
import { AddRecognitionForm, EndRecognitionForm } from "@/modules/recognition/components/recognition-forms";
import { isCurrentRecognition } from "@/modules/recognition/model";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recognition.office"))("title") };
}

/** The data office's recognition matrix: add an entry, end a current one. */
export default async function DataOfficeRecognitionPage() {
  await requireRole(["dataOffice"], "/data-office/recognition");
  const [t, tl, locale, caller] = await Promise.all([getTranslations("recognition"), getTranslations("landing"), getLocale(), api()]);
  const [options, entries] = await Promise.all([caller.recognition.options(), caller.recognition.list()]);
  const en = locale === "en";
  return (
    <div className="flex flex-col gap-6">
      <p className="flex flex-wrap gap-4">
        <Link href="/data-office" className="text-brand-700 underline">
          {tl("dataOffice.title")}
        </Link>
        <Link href="/recognition" className="text-brand-700 underline">
          {t("office.public")}
        </Link>
      </p>
      <PageHeader title={t("office.title")} lead={t("office.intro")} />
      <AddRecognitionForm regions={options.regions} services={options.services} />
      <section aria-labelledby="entries-heading" className="flex flex-col gap-3">
        <h2 id="entries-heading" className="text-xl font-semibold">
          {t("office.entriesTitle")}
        </h2>
        {entries.length === 0 ? (
          <EmptyState title={t("office.empty")} />
        ) : (
          <ul className="flex flex-col gap-4" data-testid="office-recognitions">
            {entries.map((e) => (
              <li
                key={e.id}
                className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
                data-recognition={e.id}
                data-status={e.status}
                data-foreign-type={e.foreignTypeCode}
              >
                <h3 className="text-lg font-semibold">
                  {en ? e.serviceNameEn : e.serviceNameZh} · {en ? e.foreignTypeNameEn : e.foreignTypeNameZh}
                </h3>
                <RecognitionFacts entry={e} showStatus />
                {isCurrentRecognition(e.status) ? <EndRecognitionForm id={e.id} version={e.version} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
