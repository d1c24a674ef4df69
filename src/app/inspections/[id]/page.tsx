import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { PlanFacts } from "@/modules/inspections/components/plan-facts";
import { ZPlanRef } from "@/modules/inspections/inputs";
import { planDetail } from "@/modules/inspections/views";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspections.public"))("title") };
}

/** One plan as published: its facts and seed, how to verify, the drawn entities with their inspectors and results, every candidate's key. */
export default async function InspectionPlanPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = ZPlanRef.safeParse({ planId: (await params).id });
  if (!parsed.success) notFound();
  const [t, plan] = await Promise.all([getTranslations("inspections"), planDetail(await getDb(), parsed.data.planId)]);
  if (!plan) notFound();
  const drawn = plan.candidates.filter((c) => c.drawn);
  const json = `/api/open/inspections/${plan.id}.json`;
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <p>
        <Link href="/inspections" className="text-brand-700 underline">
          {t("plan.back")}
        </Link>
      </p>
      <PageHeader title={plan.title} />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("plan.facts")}</h2>
        <PlanFacts plan={plan} />
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("plan.verifyTitle")}</h2>
        <p className="text-sm text-slate-700">{t("plan.verify")}</p>
        <p className="mt-2 text-sm">
          <a href={json} className="text-brand-700 underline">
            {t("public.json")}
          </a>
        </p>
      </Card>
      <section aria-labelledby="drawn-heading" className="flex flex-col gap-3">
        <h2 id="drawn-heading" className="text-xl font-semibold">
          {t("plan.drawnTitle")}
        </h2>
        {drawn.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-700">{t("plan.notDrawn")}</p>
        ) : (
          <ol className="flex flex-col gap-3" data-testid="drawn-entities">
            {drawn.map((c) => {
              const inspectors = plan.inspectors.filter((i) => i.entityCode === c.entityCode);
              const result = plan.results.find((r) => r.entityCode === c.entityCode);
              return (
                <li key={c.entityCode} className="flex min-w-0 flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4" data-entity={c.entityCode}>
                  <p className="font-medium">
                    {c.rank}. {c.entityName}
                  </p>
                  <p className="text-sm text-slate-700">
                    {t("plan.codeLabel")}
                    <Link href={`/credit/${c.entityCode}`} className="font-mono text-brand-700 underline">
                      {c.entityCode}
                    </Link>
                    {" · "}
                    {t("fields.key")} <span className="font-mono break-all">{c.key}</span>
                    {" · "}
                    {t("fields.weight")} {c.weight}
                    {c.classAssumed ? ` ${t("plan.assumedClass")}` : ""}
                  </p>
                  <p className="text-sm">
                    {t("plan.inspectorsLine", {
                      names: inspectors
                        .filter((i) => i.drawn)
                        .map((i) => i.inspectorName)
                        .join(t("plan.separator")),
                    })}
                  </p>
                  {inspectors.some((i) => i.conflict) ? (
                    <p className="text-sm text-slate-700">
                      {t("plan.excludedLine", {
                        names: inspectors
                          .filter((i) => i.conflict)
                          .map((i) => t("plan.excludedName", { name: i.inspectorName, reason: t(`conflict.${i.conflict!}`) }))
                          .join(t("plan.separator")),
                      })}
                    </p>
                  ) : null}
                  <div className="text-sm" data-testid="inspection-result">
                    {result ? (
                      <p>
                        <span className="font-medium">{t("plan.resultLine", { outcome: t(`outcome.${result.outcome}`) })}</span>
                        {" · "}
                        {t("plan.inspectedOn", { date: result.inspectedOn })}
                        {result.findings ? <span className="block whitespace-pre-wrap text-slate-800">{result.findings}</span> : null}
                      </p>
                    ) : (
                      <p className="text-slate-700">{t("plan.noResult")}</p>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <section aria-labelledby="candidates-heading" className="flex flex-col gap-3">
        <h2 id="candidates-heading" className="text-xl font-semibold">
          {t("plan.candidatesTitle")}
        </h2>
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer font-medium text-brand-700">{t("plan.candidatesSummary", { count: plan.candidates.length })}</summary>
          <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={t("plan.candidatesTitle")}>
            <table className="min-w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-1 pr-3">
                    {t("fields.rank")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("fields.creditCode")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("fields.entityName")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("fields.weight")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("fields.key")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.candidates.map((c) => (
                  <tr key={c.entityCode} className={`border-b border-slate-100 ${c.drawn ? "font-semibold" : ""}`}>
                    <td className="py-1 pr-3">{c.rank ?? "—"}</td>
                    <td className="py-1 pr-3 font-mono">{c.entityCode}</td>
                    <td className="py-1 pr-3">{c.entityName}</td>
                    <td className="py-1 pr-3">{c.weight}</td>
                    <td className="py-1 pr-3 font-mono">{c.key ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </div>
  );
}
