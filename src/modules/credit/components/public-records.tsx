import { getLocale, getTranslations } from "next-intl/server";
import type { PublicCreditRecord } from "../views";

/** An enterprise's published credit records, as a list of cards (server component). */
export async function PublicRecords({ records }: { records: PublicCreditRecord[] }) {
  const [t, locale] = await Promise.all([getTranslations("credit"), getLocale()]);
  const en = locale === "en";
  return (
    <ul className="flex flex-col gap-3" data-testid="public-credit-records">
      {records.map((r, i) => (
        <li key={i} className="rounded-lg border border-slate-200 bg-white p-4" data-kind={r.kind}>
          <p className="text-sm font-medium text-brand-700">
            {t(`kind.${r.kind}`)}
            {r.severity ? ` · ${t(`severity.${r.severity}`)}` : ""}
            {r.recordVersion > 1 ? ` · ${t("public.corrected")}` : ""}
          </p>
          <h3 className="text-lg font-semibold">{r.title}</h3>
          <p className="mt-1 whitespace-pre-wrap">{r.content}</p>
          <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">{t("fields.department")}</dt>
            <dd>{en ? r.departmentEn : r.departmentZh}</dd>
            {r.documentNumber ? (
              <>
                <dt className="text-slate-600">{t("fields.documentNumber")}</dt>
                <dd>{r.documentNumber}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">{t("fields.legalBasis")}</dt>
            <dd>{r.legalBasis}</dd>
            <dt className="text-slate-600">{t("fields.decidedOn")}</dt>
            <dd>{r.decidedOn}</dd>
            <dt className="text-slate-600">{t("fields.published")}</dt>
            <dd>{r.publishedUntil ? t("public.publishedUntil", { date: r.publishedUntil }) : t("public.noEnd")}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
