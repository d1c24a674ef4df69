import { getTranslations } from "next-intl/server";
import type { ApplicantRiskView } from "../views";
import { RiskClassBadge, RiskFactorList, RiskSignalItem } from "./risk-parts";

/**
 * The applicant's class and active signals on a reviewer's task page, as read through the gate;
 * `null` when the read was refused (the refusal is in the applicant's data log).
 */
export async function ApplicantRisk({ view }: { view: ApplicantRiskView | null }) {
  const t = await getTranslations("risk");
  return (
    <section aria-labelledby="applicant-risk-heading" className="flex flex-col gap-3" data-testid="applicant-risk">
      <h2 id="applicant-risk-heading" className="text-xl font-semibold">
        {t("applicant.title")}
      </h2>
      {view === null ? (
        <p className="text-slate-700">{t("applicant.refused")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">{t("applicant.lead")}</p>
          <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950" role="note">
            {t("notDeciding")}
          </p>
          {view.riskClass ? (
            <div className="flex flex-col gap-2">
              <p>
                {t("applicant.classLine", { month: view.riskClass.month, score: view.riskClass.score })}
                <RiskClassBadge riskClass={view.riskClass.riskClass} />
              </p>
              <h3 className="font-semibold">{t("applicant.factors")}</h3>
              <RiskFactorList factors={view.riskClass.factors} />
            </div>
          ) : (
            <p>{t("applicant.noClass")}</p>
          )}
          <h3 className="font-semibold">{t("applicant.signals")}</h3>
          {view.signals.length === 0 ? (
            <p>{t("applicant.noSignals")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {view.signals.map((s) => (
                <RiskSignalItem key={s.id} signal={s} showSubject={false} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
