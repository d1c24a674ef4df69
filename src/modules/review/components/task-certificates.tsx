import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatAnswer } from "@/modules/catalog/model";
import type { AppRouter } from "@/root/router";

type Produced = inferRouterOutputs<AppRouter>["review"]["task"]["produced"];

const statusTone = { valid: "text-green-900", expired: "font-semibold text-seal-600", revoked: "font-semibold text-seal-600" } as const;

/**
 * The certificates the case has produced that this step builds on (the new credit code and the
 * business licence, for the departments after market regulation), as the gate let the reviewer
 * read them: their shared, declared fields, labelled and formatted. What is not there yet, or not
 * for this step, is said as information, never as an error.
 */
export async function TaskCertificates({ produced }: { produced: Produced }) {
  const [t, locale] = await Promise.all([getTranslations("review.task"), getLocale()]);
  const en = locale === "en";
  return (
    <section aria-labelledby="produced-heading" className="flex flex-col gap-3" data-testid="task-certificates">
      <h2 id="produced-heading" className="text-xl font-semibold">
        {t("producedHeading")}
      </h2>
      <p className="text-slate-700">{t("producedLead")}</p>
      {produced.certificates.length === 0 && produced.waiting.length === 0 ? (
        <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-slate-800" data-testid="none-produced">
          {t("noneProduced")}
        </p>
      ) : null}
      {produced.waiting.map((w) => (
        <p key={w.typeCode} className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-slate-800" data-testid={`certificate-waiting-${w.typeCode}`}>
          {t(`waiting.${w.reason}`, {
            type: en ? w.typeNameEn : w.typeNameZh,
            department: en ? w.departmentNameEn : w.departmentNameZh,
            service: en ? w.serviceNameEn : w.serviceNameZh,
          })}
        </p>
      ))}
      {produced.certificates.map((c) => (
        <section
          key={c.id}
          aria-labelledby={`produced-${c.id}`}
          className="min-w-0 rounded-lg border border-green-700 bg-white p-4 shadow-sm sm:p-6"
          data-testid={`produced-${c.typeCode}`}
        >
          <h3 id={`produced-${c.id}`} className="mb-3 text-lg font-semibold">
            {en ? c.typeNameEn : c.typeNameZh}
          </h3>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[minmax(8rem,max-content)_1fr] sm:gap-y-2">
            <dt className="text-slate-600">{t("certificateNumber")}</dt>
            <dd className="mb-2 break-all font-mono sm:mb-0">{c.number}</dd>
            <dt className="text-slate-600">{t("issuer")}</dt>
            <dd className="mb-2 sm:mb-0">{en ? c.issuerNameEn : c.issuerNameZh}</dd>
            <dt className="text-slate-600">{t("issuedOn")}</dt>
            <dd className="mb-2 sm:mb-0">{formatAnswer({ fieldType: "date", options: null }, c.issuedOn, locale) ?? c.issuedOn}</dd>
            <dt className="text-slate-600">{t("certificateStatus")}</dt>
            <dd className={`mb-2 sm:mb-0 ${statusTone[c.status]}`}>{t(`certificateStatusValue.${c.status}`)}</dd>
            {c.fields.map((f) => (
              <div key={f.key} className="contents" data-testid={`produced-field-${f.key}`}>
                <dt className="text-slate-600">{en ? f.nameEn : f.nameZh}</dt>
                <dd className={`mb-2 break-words sm:mb-0 ${f.key === "creditCode" ? "font-mono" : ""}`}>{en ? f.valueEn : f.valueZh}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3">
            <Link href={`/verify/${encodeURIComponent(c.number)}`} className="font-medium text-brand-700 underline hover:text-brand-800">
              {t("verify", { number: c.number })}
            </Link>
          </p>
        </section>
      ))}
    </section>
  );
}
