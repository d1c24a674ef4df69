import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { RecomputeRiskButton } from "@/modules/risk/components/recompute-button";
import { RiskClassBadge, RiskFactorList, RiskSignalItem } from "@/modules/risk/components/risk-parts";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("risk.office"))("title") };
}

/** The data office's risk monitoring: ranked signals with their evidence, and the month's classes with their factors. */
export default async function DataOfficeRiskPage() {
  await requireRole(["dataOffice"], "/data-office/risk");
  const [t, tRisk, tBack] = await Promise.all([getTranslations("risk.office"), getTranslations("risk"), getTranslations("review.templates")]);
  const overview = await (await api()).risk.overview();
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/data-office" className="text-brand-700 underline">
          {tBack("back")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("lead")} />
      <p className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-950" role="note">
        {tRisk("notDeciding")}
      </p>
      <Card>
        <RecomputeRiskButton />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("signalsTitle")}</h2>
        {overview.signals.length === 0 ? (
          <p>{t("noSignals")}</p>
        ) : (
          <ol className="flex flex-col gap-2" data-testid="risk-signals">
            {overview.signals.map((s) => (
              <RiskSignalItem key={s.id} signal={s} showSubject />
            ))}
          </ol>
        )}
        <p className="mt-3 text-sm text-slate-700">{t("clearedCount", { count: overview.clearedCount })}</p>
      </Card>
      <Card>
        <h2 className="mb-1 text-lg font-semibold">{overview.month ? t("classesTitle", { month: overview.month }) : t("noClasses")}</h2>
        <p className="mb-3 text-sm text-slate-700">{t("formula")}</p>
        {overview.month ? (
          <>
            <p className="mb-3" data-testid="risk-class-counts">
              {t("counts", overview.counts)}
            </p>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="risk-classes">
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-2 pr-3">
                      {t("enterprise")}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t("class")}
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      {t("score")}
                    </th>
                    <th scope="col" className="py-2">
                      {t("factors")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {overview.classes.map((c) => (
                    <tr key={c.subjectCode} className="border-b border-slate-100 align-top" data-testid="risk-class-row" data-code={c.subjectCode}>
                      <th scope="row" className="py-2 pr-3 font-normal">
                        {c.subjectName}
                        <br />
                        <span className="font-mono text-xs break-all text-slate-600">{c.subjectCode}</span>
                      </th>
                      <td className="py-2 pr-3">
                        <RiskClassBadge riskClass={c.riskClass} />
                      </td>
                      <td className="py-2 pr-3">{c.score}</td>
                      <td className="py-2">
                        <RiskFactorList factors={c.factors} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </Card>
    </div>
  );
}
