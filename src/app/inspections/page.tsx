import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { PlanFacts } from "@/modules/inspections/components/plan-facts";
import { listPlans } from "@/modules/inspections/views";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspections.public"))("title") };
}

/** 双随机、一公开: every inspection plan with its seed, weights, candidate count, status and progress. */
export default async function InspectionsPage() {
  const [t, plans] = await Promise.all([getTranslations("inspections.public"), listPlans(await getDb())]);
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <PageHeader title={t("title")} lead={t("intro")} />
      {plans.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="flex flex-col gap-4" aria-label={t("listLabel")} data-testid="inspection-plans">
          {plans.map((p) => (
            <li key={p.id} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-plan={p.id}>
              <h2 className="text-lg font-semibold">
                <Link href={`/inspections/${p.id}`} className="text-brand-700 underline">
                  {p.title}
                </Link>
                {p.demo ? <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-normal text-slate-700">{t("demo")}</span> : null}
              </h2>
              <PlanFacts plan={p} />
              <p className="flex flex-wrap gap-4 text-sm">
                <Link href={`/inspections/${p.id}`} className="text-brand-700 underline">
                  {t("open")}
                </Link>
                <a href={`/api/open/inspections/${p.id}.json`} className="text-brand-700 underline">
                  {t("json")}
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
