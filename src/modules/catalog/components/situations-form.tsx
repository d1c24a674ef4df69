import { getLocale, getTranslations } from "next-intl/server";
import type { SituationAnswers, SituationQuestion } from "../model";
import { pick } from "./format";

/**
 * 办理情形 on a guide: each question with its answers as radio buttons, in a plain GET form, so it
 * works without script; the page lists the materials that apply to the answers picked.
 */
export async function SituationsForm({ situations, chosen, action }: { situations: SituationQuestion[]; chosen: Partial<SituationAnswers>; action: string }) {
  const [t, locale] = await Promise.all([getTranslations("catalog.guide"), getLocale()]);
  const anyChosen = Object.keys(chosen).length > 0;
  return (
    <form method="get" action={action} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" data-testid="guide-situations">
      {situations.map((q) => (
        <fieldset key={q.key} className="flex flex-col gap-2">
          <legend className="font-medium">{pick(q, locale)}</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-6">
            {q.options.map((o) => {
              const id = `situation-${q.key}-${o.value}`;
              return (
                <div key={o.value} className="flex items-center gap-2">
                  <input id={id} type="radio" name={q.key} value={o.value} defaultChecked={chosen[q.key] === o.value} className="h-5 w-5" />
                  <label htmlFor={id}>{locale === "en" ? o.labelEn : o.labelZh}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("situationsShow")}
        </button>
        {anyChosen ? (
          <a href={action} className="text-brand-700 underline underline-offset-2">
            {t("situationsClear")}
          </a>
        ) : null}
      </div>
    </form>
  );
}
