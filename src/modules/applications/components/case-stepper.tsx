import { getFormatter, getTranslations } from "next-intl/server";
import { caseStages } from "../model";
import type { ApplicationView } from "../views";

/**
 * The applicant's progress stepper: 申请 → 受理 → 审查 → 办结, each with its date, and the
 * expected finish of the whole case on the official calendar (marked when provisional).
 */
export async function CaseStepper({ application: app }: { application: ApplicationView }) {
  const [t, format] = await Promise.all([getTranslations("applications.case"), getFormatter()]);
  const current = caseStages.indexOf(app.stage.stage);
  const day = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: "Asia/Shanghai" }) : null);
  const dates: Record<(typeof caseStages)[number], string | null> = {
    apply: day(app.submittedAt),
    accept: day(app.acceptedAt),
    review: app.progress.total > 0 ? t("reviewProgress", app.progress) : null,
    finish: day(app.completedAt ?? app.decidedAt),
  };
  return (
    <section aria-labelledby="stepper-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="case-stepper">
      <h2 id="stepper-heading" className="sr-only">
        {t("stepper")}
      </h2>
      <ol className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {caseStages.map((stage, i) => {
          const state =
            i < current || (i === current && app.stage.ended && stage === "finish")
              ? "done"
              : i === current
                ? app.stage.ended
                  ? "ended"
                  : "current"
                : "upcoming";
          const tone =
            state === "done"
              ? "border-green-700 bg-green-50 text-green-900"
              : state === "current"
                ? "border-brand-700 bg-brand-50 text-brand-800"
                : state === "ended"
                  ? "border-slate-500 bg-slate-100 text-slate-800"
                  : "border-slate-300 bg-white text-slate-600";
          return (
            <li
              key={stage}
              aria-current={state === "current" ? "step" : undefined}
              data-stage={stage}
              data-state={state}
              className={`flex flex-col gap-0.5 rounded border-l-4 px-3 py-2 ${tone}`}
            >
              <span className="font-semibold">
                {i + 1}. {t(`stages.${stage}`)}
              </span>
              <span className="text-sm">
                {t(state === "done" ? "stageDone" : state === "current" ? "stageCurrent" : state === "ended" ? "stageEnded" : "stageUpcoming")}
                {dates[stage] ? ` · ${dates[stage]}` : ""}
              </span>
            </li>
          );
        })}
      </ol>
      {app.expectedFinish ? (
        <p className="mt-3 font-medium text-slate-900" data-testid="expected-finish">
          {t("expectedFinish", { date: day(app.expectedFinish.at) ?? "" })}
          {app.expectedFinish.provisional ? <span className="font-normal text-slate-700">{t("expectedProvisional")}</span> : null}
        </p>
      ) : null}
    </section>
  );
}
