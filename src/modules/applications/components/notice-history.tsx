import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { NoticeView } from "../views";

/**
 * Every one-time notice of a case, newest first, kept after it is answered: the deadline, each
 * item with its kind, asking department and legal basis, and the applicant's answers. The same for
 * the applicant (case page) and for staff (window and review pages), so both read one record.
 */
export async function NoticeHistory({ notices, headingId, heading }: { notices: NoticeView[]; headingId: string; heading: string }) {
  if (notices.length === 0) return null;
  const [t, locale, format] = await Promise.all([getTranslations("applications.notice"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const day = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  const ordered = [...notices].sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-xl font-semibold">
        {heading}
      </h2>
      <ol className="flex flex-col gap-4" data-testid="notice-history">
        {ordered.map((n) => (
          <li
            key={n.id}
            data-testid="notice"
            className={`rounded-lg border bg-white p-4 sm:p-6 ${n.completedAt ? "border-slate-300" : n.overdue ? "border-seal-600" : "border-amber-500"}`}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="font-semibold">{t("issued", { stage: t(`stage.${n.stage}`), date: when(n.issuedAt) })}</p>
              <p
                className={`rounded px-2 py-0.5 text-sm font-medium ${
                  n.completedAt
                    ? n.answeredLate
                      ? "bg-amber-100 text-amber-950"
                      : "bg-green-100 text-green-950"
                    : n.overdue
                      ? "bg-red-100 text-red-900"
                      : "bg-amber-100 text-amber-950"
                }`}
                data-testid="notice-state"
              >
                {n.completedAt
                  ? n.answeredLate
                    ? t("answeredLate", { date: when(n.completedAt) })
                    : t("answered", { date: when(n.completedAt) })
                  : n.overdue
                    ? t("overdue")
                    : t("open")}
              </p>
            </div>
            {n.dueAt ? (
              <p className="mt-1 text-slate-800" data-testid="notice-deadline">
                {t("deadline", { date: day(n.dueAt), days: n.dueDays ?? 0 })}
              </p>
            ) : null}
            <ol className="mt-3 flex flex-col gap-3" data-testid="notice-items">
              {n.items.map((item) => (
                <li key={item.index} className="rounded border border-slate-200 bg-slate-50 p-3">
                  <p className="text-sm text-slate-700">
                    <span className="font-medium text-slate-900">{t("item", { n: item.index + 1 })}</span>
                    {" · "}
                    {t(`kind.${item.kind}`)}
                    {item.departmentNameZh ? ` · ${en ? item.departmentNameEn : item.departmentNameZh}` : ` · ${t("window")}`}
                  </p>
                  <p className="mt-1 whitespace-pre-wrap">{item.text}</p>
                  {item.materials.length > 0 ? (
                    <p className="mt-1 text-sm text-slate-700">
                      {t("materials", { names: format.list(item.materials.map((m) => (en ? m.nameEn : m.nameZh))) })}
                    </p>
                  ) : null}
                  {item.legalBasis ? <p className="mt-1 text-sm text-slate-700">{t("legalBasis", { basis: item.legalBasis })}</p> : null}
                  {item.kind !== "material" ? (
                    <div className="mt-2 border-l-4 border-brand-700 pl-3" data-testid="notice-answer">
                      <p className="text-sm font-medium text-slate-800">{t("answer")}</p>
                      {item.answer?.upload ? (
                        <p>
                          <a href={`/api/uploads/${item.answer.upload.id}`} className="text-brand-700 underline">
                            {t("file", { name: item.answer.upload.fileName, size: Math.max(1, Math.ceil(item.answer.upload.sizeBytes / 1024)) })}
                          </a>
                        </p>
                      ) : item.answer?.text ? (
                        <p className="whitespace-pre-wrap">{item.answer.text}</p>
                      ) : (
                        <p className="text-slate-600">{t("notAnswered")}</p>
                      )}
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}
