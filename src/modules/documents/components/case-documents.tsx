import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { CaseDocumentSummary } from "../views";

/** The documents of a case (受理通知书, 补正告知书, 决定书, 办结通知), each linking to its printable page. */
export async function CaseDocuments({ documents }: { documents: CaseDocumentSummary[] }) {
  const [t, locale, format] = await Promise.all([getTranslations("documents.list"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), { dateStyle: "medium", timeZone: "Asia/Shanghai" });
  return (
    <section aria-labelledby="case-documents-heading" className="flex flex-col gap-3" data-testid="case-documents">
      <div>
        <h2 id="case-documents-heading" className="text-xl font-semibold">
          {t("title")}
        </h2>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      {documents.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {documents.map((d) => (
            <li
              key={d.id}
              className={`rounded-lg border bg-white p-4 ${d.kind === "denialDecision" || d.kind === "nonAcceptanceDecision" ? "border-seal-600" : "border-slate-300"}`}
            >
              <p className="font-semibold">
                <Link href={`/documents/${d.id}`} className="text-brand-700 underline">
                  {en ? d.titleEn : d.titleZh}
                </Link>
              </p>
              <p className="font-mono text-sm break-all">{d.number}</p>
              <p className="text-sm text-slate-700">{t("issued", { issuer: en ? d.issuerNameEn : d.issuerNameZh, date: day(d.issuedOn) })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
