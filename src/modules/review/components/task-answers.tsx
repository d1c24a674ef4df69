import { getLocale, getTranslations } from "next-intl/server";
import type { AnswerGroup, Bilingual } from "../answer-groups";

function ForStepBadge({ label }: { label: string }) {
  return <span className="ml-2 inline-block rounded border border-brand-700 bg-brand-50 px-1.5 py-0 text-xs font-medium text-brand-800">{label}</span>;
}

/** Every answer of the group is the step's: one mark on the group says so, not one on each row. */
const wholeGroup = (g: AnswerGroup) => g.forStep && g.rows.every((r) => r.forStep);

/**
 * The application's answers as the reviewer decides on them: grouped as the form groups them, the
 * groups the department's step needs first and each such answer marked; values are labels with
 * units, never codes. A repeated group (the shareholders) is a table on a wide screen and a list
 * of cards on a phone (the header row is then read by screen readers only; each cell shows its
 * column's name; explicit roles keep the table a table to assistive technology when CSS
 * changes its display).
 */
export async function TaskAnswers({ groups }: { groups: AnswerGroup[] }) {
  const [t, locale] = await Promise.all([getTranslations("review.task"), getLocale()]);
  const en = locale === "en";
  const say = (b: Bilingual) => (en ? b.en : b.zh);
  return (
    <section aria-labelledby="answers-heading" className="flex flex-col gap-3" data-testid="task-answers">
      <h2 id="answers-heading" className="text-xl font-semibold">
        {t("answersHeading")}
      </h2>
      <p className="text-slate-700">{t("answersLead")}</p>
      {groups.length === 0 ? <p className="text-slate-700">{t("noAnswers")}</p> : null}
      {groups.map((g) => (
        <section
          key={g.key}
          aria-labelledby={`answers-${g.key}`}
          data-testid={`answers-${g.key}`}
          className={`min-w-0 rounded-lg border bg-white p-4 shadow-sm sm:p-6 ${g.forStep ? "border-brand-700" : "border-slate-200"}`}
        >
          <h3 id={`answers-${g.key}`} className="mb-3 text-lg font-semibold">
            {say(g.title)}
            {g.forStep ? <ForStepBadge label={wholeGroup(g) ? t("groupAllForStep") : t("groupForStep")} /> : null}
          </h3>
          {g.rows.length > 0 ? (
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[minmax(8rem,max-content)_1fr] sm:gap-y-2">
              {g.rows.map((r) => (
                <div key={r.key} className="contents">
                  <dt className="text-slate-600">
                    {say(r.label)}
                    {r.forStep && !wholeGroup(g) ? <ForStepBadge label={t("forStep")} /> : null}
                  </dt>
                  <dd className={`mb-2 break-words sm:mb-0 ${r.mono ? "font-mono" : ""}`} data-testid={`answer-${r.key}`}>
                    {r.value ? say(r.value) : <span className="text-slate-600">{t("notAnswered")}</span>}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {g.table ? (
            <table role="table" className="w-full border-collapse text-left max-sm:block" data-testid={`answers-table-${g.key}`}>
              <thead role="rowgroup" className="max-sm:sr-only">
                <tr role="row" className="border-b border-slate-300">
                  {g.table.columns.map((c) => (
                    <th key={c.key} role="columnheader" scope="col" className="px-2 py-2 font-semibold text-slate-700">
                      {say(c.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody role="rowgroup" className="max-sm:flex max-sm:flex-col max-sm:gap-3">
                {g.table.rows.map((row, i) => (
                  <tr key={i} role="row" className="border-b border-slate-200 max-sm:block max-sm:rounded max-sm:border max-sm:p-3">
                    {g.table?.columns.map((c) => {
                      const v = row[c.key];
                      return (
                        <td
                          key={c.key}
                          role="cell"
                          className={`px-2 py-2 align-top max-sm:grid max-sm:grid-cols-[minmax(5.5rem,35%)_1fr] max-sm:gap-2 max-sm:px-0 max-sm:py-0.5 ${c.mono ? "font-mono" : ""}`}
                        >
                          <span aria-hidden="true" className="font-sans text-slate-600 sm:hidden">
                            {say(c.label)}
                          </span>
                          <span className={`min-w-0 ${c.mono ? "break-all" : "break-words"}`}>{v ? say(v) : "—"}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ))}
    </section>
  );
}
