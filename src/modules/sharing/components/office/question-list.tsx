import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import type { AppRouter } from "@/root/router";
import { AnswerForm } from "./answer-form";

export type QuestionRow = inferRouterOutputs<AppRouter>["sharing"]["questions"][number];

/**
 * Holders' questions about reads of their data: the question, who asked, the read it is about
 * (when, which department, which data, why, on what legal basis, with what outcome, for which
 * case), and the answer or a form to give it.
 */
export async function QuestionList({ questions, empty }: { questions: QuestionRow[]; empty: string }) {
  const [t, tr, locale, format] = await Promise.all([getTranslations("sharing.office"), getTranslations("layout.roles"), getLocale(), getFormatter()]);
  if (questions.length === 0) return <EmptyState title={empty} />;
  const en = locale === "en";
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const none = t("common.none");
  const paren = (text: string) => (en ? ` (${text})` : `（${text}）`);
  const reader = (q: QuestionRow) => {
    const department = en ? q.read.departmentNameEn : q.read.departmentNameZh;
    if (department) return q.read.readerRole && tr.has(q.read.readerRole) ? `${department}${paren(tr(q.read.readerRole))}` : department;
    if (q.read.purpose === "publicVerification" && !q.read.readerRole) return t("questions.public");
    if (q.read.readerRole === "citizen" || q.read.readerRole === "enterprise") return t("questions.holderSelf");
    return q.read.readerRole && tr.has(q.read.readerRole) ? tr(q.read.readerRole) : none;
  };
  return (
    <ul className="flex flex-col gap-4" data-testid="question-list">
      {questions.map((q) => {
        const headingId = `question-${q.id}-heading`;
        const read: Array<[string, string]> = [
          [t("questions.readAt"), when(q.read.at)],
          [t("questions.reader"), reader(q)],
          [t("questions.data"), (en ? q.read.dataNameEn : q.read.dataNameZh) || none],
          [t("questions.purpose"), t.has(`purpose.${q.read.purpose}`) ? t(`purpose.${q.read.purpose}`) : q.read.purpose],
          [t("questions.legalBasis"), q.read.legalBasis ?? none],
          [t("questions.outcome"), t.has(`outcome.${q.read.outcome}`) ? t(`outcome.${q.read.outcome}`) : q.read.outcome],
          [t("questions.trackingNumber"), q.read.trackingNumber ?? none],
        ];
        return (
          <li
            key={q.id}
            aria-labelledby={headingId}
            data-question={q.id}
            data-answered={q.answeredAt ? "true" : "false"}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <h3 id={headingId} className="text-lg font-semibold">
              {t("questions.heading", { asker: q.askerName })}
            </h3>
            <p className="text-sm text-slate-600">{t("questions.askedAt", { when: when(q.askedAt) })}</p>
            <blockquote
              className="my-3 border-l-4 border-brand-600 bg-brand-50 px-3 py-2 break-words whitespace-pre-line text-slate-900"
              data-testid="question-text"
            >
              {q.question}
            </blockquote>
            <h4 className="mb-1 font-semibold text-slate-800">{t("questions.read")}</h4>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              {read.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-medium text-slate-700">{k}</dt>
                  <dd className="mb-2 break-words text-slate-900 sm:mb-0">{v}</dd>
                </div>
              ))}
            </dl>
            {q.answer && q.answeredAt ? (
              <div className="mt-4 rounded border border-green-700 bg-green-50 p-3" data-testid="question-answer">
                <h4 className="font-semibold text-green-900">{t("questions.answer")}</h4>
                <p className="text-sm text-green-900">{t("questions.answeredAt", { when: when(q.answeredAt) })}</p>
                <p className="mt-1 break-words whitespace-pre-line text-slate-900">{q.answer}</p>
              </div>
            ) : (
              <div className="mt-4">
                <AnswerForm questionId={q.id} asker={q.askerName} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
