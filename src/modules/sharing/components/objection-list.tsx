import { getLocale, getTranslations } from "next-intl/server";
import type { listDataObjections } from "../list-data-objections";
import { DecideObjectionForm } from "./decide-objection-form";

export type ListedObjection = Awaited<ReturnType<typeof listDataObjections>>[number];

/**
 * Objections to shared data with their due day (working days), status and outcome: the holder's,
 * a department's (with the decision form where it issued the data), or the data office's late list.
 */
export async function ObjectionList({ objections, empty, headingLevel = 3 }: { objections: ListedObjection[]; empty: string; headingLevel?: 3 | 4 }) {
  const [t, ts, locale] = await Promise.all([getTranslations("sharing.objections.ui"), getTranslations("sharing.objections"), getLocale()]);
  const en = locale === "en";
  const Heading = headingLevel === 3 ? "h3" : "h4";
  if (objections.length === 0) return <p className="text-slate-700">{empty}</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid="objection-list">
      {objections.map((o) => (
        <li
          key={o.id}
          className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
          data-testid="objection"
          data-status={o.status}
          data-certificate={o.certificateNumber}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <Heading className="font-semibold">
              {en ? o.typeNameEn : o.typeNameZh} · {en ? o.fieldNameEn : o.fieldNameZh}
            </Heading>
            <span
              className={`rounded border px-2 py-0.5 text-sm font-medium ${o.status === "open" ? "border-amber-700 bg-amber-50 text-amber-900" : "border-green-700 bg-green-50 text-green-900"}`}
            >
              {ts(`status.${o.status}`)}
            </span>
          </div>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-600">{t("certificateNumber")}</dt>
            <dd className="break-all">{o.certificateNumber}</dd>
            <dt className="text-slate-600">{t("filedBy")}</dt>
            <dd>{o.byDepartment ? t("byDepartment") : t("byHolder")}</dd>
            <dt className="text-slate-600">{t("currentValue")}</dt>
            <dd className="break-words">{o.currentValue}</dd>
            <dt className="text-slate-600">{t("claim")}</dt>
            <dd className="whitespace-pre-wrap break-words">{o.claim}</dd>
            {o.proposedValue ? (
              <>
                <dt className="text-slate-600">{t("proposedValue")}</dt>
                <dd className="break-words">{o.proposedValue}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">{t("filedOn")}</dt>
            <dd>{o.filedOn}</dd>
            <dt className="text-slate-600">{t("dueOn")}</dt>
            <dd>
              {t("dueOnValue", { dueOn: o.dueOn })}
              {o.late ? <span className="ml-2 font-medium text-seal-600">{t("late")}</span> : null}
            </dd>
            {o.answer ? (
              <>
                <dt className="text-slate-600">{t("answer", { answeredOn: o.answeredOn ?? "" })}</dt>
                <dd className="whitespace-pre-wrap break-words" data-testid="objection-answer">
                  {o.answer}
                </dd>
              </>
            ) : null}
            {o.correctedNumber ? (
              <>
                <dt className="text-slate-600">{t("correctedNumber")}</dt>
                <dd className="break-all" data-testid="objection-corrected">
                  {o.correctedNumber}
                </dd>
              </>
            ) : null}
          </dl>
          {o.mayDecide && o.status === "open" ? <DecideObjectionForm objectionId={o.id} version={o.version} proposedValue={o.proposedValue} /> : null}
        </li>
      ))}
    </ul>
  );
}
