import { useTranslations } from "next-intl";
import type { RectificationView } from "../views";

/**
 * The department's reply to a bad rating, and the appeal and its decision, as anyone concerned reads
 * them: the applicant reads "your appeal", staff (the department, the data office) "the applicant's".
 */
export function RectificationReply({ item, reader = "applicant" }: { item: RectificationView; reader?: "applicant" | "staff" }) {
  const t = useTranslations("ratings");
  return (
    <div className="flex flex-col gap-2 rounded border border-slate-200 bg-slate-50 p-3" data-testid="rectification-reply">
      <p className="font-semibold">
        {t("case.reply.title")} · {t(`rectification.status.${item.status}`)}
        {item.late ? <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-sm font-medium text-red-900">{t("rectification.late")}</span> : null}
      </p>
      {item.reply === null ? (
        <p className="text-slate-700">{t("case.reply.waiting", { dueOn: item.dueOn })}</p>
      ) : (
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">{t("case.reply.classification")}</dt>
          <dd>{item.classification ? t(`rectification.classification.${item.classification}`) : "—"}</dd>
          <dt className="text-slate-600">{t("case.reply.reason")}</dt>
          <dd className="whitespace-pre-wrap">{item.classificationReason}</dd>
          <dt className="text-slate-600">{t("case.reply.reply")}</dt>
          <dd className="whitespace-pre-wrap" data-testid="reply-text">
            {item.reply}
          </dd>
          {item.changes ? (
            <>
              <dt className="text-slate-600">{t("case.reply.changes")}</dt>
              <dd className="whitespace-pre-wrap">{item.changes}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("case.reply.answeredOn")}</dt>
          <dd>{item.answeredOn}</dd>
          {item.appealReason ? (
            <>
              <dt className="text-slate-600">{reader === "applicant" ? t("case.appeal.yours") : t("case.appeal.applicants")}</dt>
              <dd className="whitespace-pre-wrap">{item.appealReason}</dd>
            </>
          ) : null}
          {item.appealReason && !item.appealDecision ? (
            // Said after the page refreshes too (the appeal form is gone once appealed).
            <dd className="sm:col-span-2 font-medium text-green-900">{reader === "applicant" ? t("case.appeal.done") : t("case.appeal.pending")}</dd>
          ) : null}
          {item.appealDecision ? (
            <>
              <dt className="text-slate-600">{t("case.appeal.decision")}</dt>
              <dd className="whitespace-pre-wrap">
                {t(`rectification.decision.${item.appealDecision}`)} · {item.appealDecisionReason}
              </dd>
            </>
          ) : null}
        </dl>
      )}
    </div>
  );
}
