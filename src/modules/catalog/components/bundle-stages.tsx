import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { BundleGuide } from "../views";
import { formatFee, pick, pickText } from "./format";

/**
 * A bundle's steps as stages: the steps of one stage run at the same time; each step says which
 * steps it waits for.
 */
export async function BundleStages({ guide }: { guide: BundleGuide }) {
  const [t, tc, locale] = await Promise.all([getTranslations("catalog.guide"), getTranslations("catalog"), getLocale()]);
  const stages = [...new Set(guide.steps.map((s) => s.stage))].sort((a, b) => a - b);
  const nameOf = (key: string) => {
    const step = guide.steps.find((s) => s.key === key);
    return step ? pick(step.service, locale) : key;
  };
  const list = (items: string[]) => items.join(locale === "en" ? ", " : "、");
  return (
    <ol className="flex flex-col gap-5" data-testid="bundle-stages">
      {stages.map((stage) => {
        const steps = guide.steps.filter((s) => s.stage === stage);
        return (
          <li key={stage} className="flex flex-col gap-3">
            <h3 className="flex flex-wrap items-baseline gap-x-3 text-lg font-semibold text-brand-800">
              <span>{t("stage", { stage })}</span>
              {steps.length > 1 ? <span className="text-sm font-normal text-slate-600">{t("parallel", { count: steps.length })}</span> : null}
            </h3>
            <ul className="grid gap-3 md:grid-cols-2">
              {steps.map((s) => (
                <li key={s.key} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-step={s.key}>
                  <h4 className="font-semibold">
                    <Link href={`/guides/${s.service.code}`} className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
                      {pick(s.service, locale)}
                    </Link>
                  </h4>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-slate-600">{t("department")}</dt>
                    <dd>{pick(s.service.department, locale)}</dd>
                    <dt className="text-slate-600">{t("needs")}</dt>
                    <dd data-testid="step-needs">{s.needs.length ? list(s.needs.map(nameOf)) : t("needsNone")}</dd>
                    <dt className="text-slate-600">{t("timeLimits")}</dt>
                    <dd>{t("stepDays", { promised: s.service.promisedDays, statutory: s.service.statutoryDays })}</dd>
                    <dt className="text-slate-600">{t("fee")}</dt>
                    <dd>{formatFee(s.service.feeFen, locale, tc("free"))}</dd>
                    <dt className="text-slate-600">{t("issues")}</dt>
                    <dd>{s.service.issues ? pick(s.service.issues, locale) : t("none")}</dd>
                    <dt className="text-slate-600">{t("legalBasis")}</dt>
                    <dd className="text-slate-700">{s.service.legalBasis}</dd>
                  </dl>
                  <details className="text-sm">
                    <summary className="cursor-pointer text-brand-700">{t("conditions")}</summary>
                    <p className="mt-1 text-slate-700">{pickText(s.service.conditionsZh, s.service.conditionsEn, locale)}</p>
                  </details>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
