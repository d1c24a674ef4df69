import { getTranslations } from "next-intl/server";
import type { GrantStatus } from "../../model";

const grantTone: Record<GrantStatus, string> = {
  requested: "border-amber-500 bg-amber-50 text-amber-950",
  approved: "border-green-700 bg-green-50 text-green-900",
  rejected: "border-red-300 bg-red-50 text-red-900",
  revoked: "border-slate-400 bg-slate-100 text-slate-800",
};

/** A grant's status in words; the colour only helps. */
export async function GrantStatusBadge({ status }: { status: GrantStatus }) {
  const t = await getTranslations("sharing.office.grantStatus");
  return (
    <span className={`inline-block whitespace-nowrap rounded border px-2 py-0.5 text-sm font-medium ${grantTone[status]}`} data-status={status}>
      {t(status)}
    </span>
  );
}

/** The update-overdue flag (更新超期) of a data resource. */
export async function OverdueBadge() {
  const t = await getTranslations("sharing.office.catalog");
  return (
    <span
      className="inline-block whitespace-nowrap rounded border border-seal-600 bg-white px-2 py-0.5 text-sm font-semibold text-seal-600"
      data-testid="overdue-badge"
    >
      {t("overdue")}
    </span>
  );
}

/** A conditional request answered late, or still unanswered after its due day (逾期答复). */
export async function LateAnswerBadge({ answered }: { answered: boolean }) {
  const t = await getTranslations("sharing.office.grants");
  return (
    <span
      className="inline-block whitespace-nowrap rounded border border-seal-600 bg-white px-2 py-0.5 text-sm font-semibold text-seal-600"
      data-testid="late-answer-badge"
    >
      {t(answered ? "answeredLate" : "answerOverdue")}
    </span>
  );
}
