import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RecordResultForm } from "@/modules/inspections/components/plan-forms";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspections.mine"))("title") };
}

/** A reviewer's inspections as a drawn inspector: the entities, and a form to record each result. */
export default async function ReviewInspectionsPage() {
  await requireRole(["reviewer"], "/review/inspections");
  const [t, tl, locale, caller] = await Promise.all([getTranslations("inspections"), getTranslations("landing"), getLocale(), api()]);
  const assignments = await caller.inspections.mine();
  const en = locale === "en";
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/review" className="text-brand-700 underline">
          {tl("review.title")}
        </Link>
      </p>
      <PageHeader title={t("mine.title")} lead={t("mine.intro")} />
      {assignments.length === 0 ? (
        <EmptyState title={t("mine.empty")} />
      ) : (
        <ul className="flex flex-col gap-4" data-testid="my-inspections">
          {assignments.map((a) => (
            <li
              key={`${a.planId}/${a.entityCode}`}
              className="flex min-w-0 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
              data-plan={a.planId}
              data-entity={a.entityCode}
            >
              <h2 className="text-lg font-semibold">{a.entityName}</h2>
              <p className="text-sm text-slate-700">
                <span className="font-mono">{a.entityCode}</span> ·{" "}
                <Link href={`/inspections/${a.planId}`} className="text-brand-700 underline">
                  {a.planTitle}
                </Link>{" "}
                · {en ? a.department.nameEn : a.department.nameZh} · {t("public.period", { from: a.periodFrom, until: a.periodUntil })}
              </p>
              {a.result ? (
                <p className="text-sm">
                  <span className="font-medium">{t("plan.resultLine", { outcome: t(`outcome.${a.result.outcome}`) })}</span> ·{" "}
                  {t("plan.inspectedOn", { date: a.result.inspectedOn })}
                  {a.result.findings ? <span className="block whitespace-pre-wrap">{a.result.findings}</span> : null}
                </p>
              ) : a.open ? (
                <RecordResultForm planId={a.planId} entityCode={a.entityCode} />
              ) : (
                <p className="text-sm text-slate-700">{t("mine.closed")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
