import { getLocale, getTranslations } from "next-intl/server";
import { riskClasses } from "@/modules/risk/model";
import type { PlanSummary } from "../views";

/** An instant in China time, in the reader's language. */
export function chinaTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** A plan's published facts: department, scope, period, seed, weights, sizes, status (server component). */
export async function PlanFacts({ plan }: { plan: PlanSummary }) {
  const [t, locale] = await Promise.all([getTranslations("inspections"), getLocale()]);
  const en = locale === "en";
  const rows: Array<[string, React.ReactNode]> = [
    [t("fields.status"), t(`status.${plan.status}`)],
    [t("fields.department"), en ? plan.department.nameEn : plan.department.nameZh],
    [t("fields.scope"), plan.service ? `${t(`scope.${plan.scope}`)}：${en ? plan.service.nameEn : plan.service.nameZh}` : t(`scope.${plan.scope}`)],
    ...(plan.division
      ? ([[t("fields.division"), t("fields.divisionValue", { code: plan.division.code, name: en ? plan.division.nameEn : plan.division.nameZh })]] as Array<
          [string, React.ReactNode]
        >)
      : []),
    [t("fields.period"), t("public.period", { from: plan.periodFrom, until: plan.periodUntil })],
    [
      t("fields.seed"),
      <code key="seed" className="font-mono text-sm break-all" data-testid="plan-seed">
        {plan.seed}
      </code>,
    ],
    [t("fields.weights"), t("public.weightsValue", Object.fromEntries(riskClasses.map((c) => [c, plan.weights[c]])))],
    [t("fields.candidateCount"), plan.candidateCount],
    [t("fields.sampleSize"), plan.sampleSize],
    [t("fields.inspectorsPerEntity"), plan.inspectorsPerEntity],
    [t("fields.publishedAt"), chinaTime(plan.publishedAt, locale)],
    ...(plan.drawnAt ? ([[t("fields.drawnAt"), chinaTime(plan.drawnAt, locale)]] as Array<[string, React.ReactNode]>) : []),
    ...(plan.drawnAt
      ? ([[t("fields.results"), t("public.progress", { count: plan.resultCount, total: plan.sampleSize })]] as Array<[string, React.ReactNode]>)
      : []),
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-700">{label}</dt>
          <dd className="mb-1 min-w-0 text-slate-900 sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
