import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { VerificationView } from "../gate";
import { calendarDate, CertificateStatusBadge, SupersededBy } from "./holder-certificate-status";

/** The public verification result: validity, status and the issuer's signature check. */
export async function VerificationResult({ view: v }: { view: VerificationView }) {
  const [t, locale, format] = await Promise.all([getTranslations("sharing.holder.verify"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const issuer = en ? v.issuerNameEn : v.issuerNameZh;
  const day = (d: string) => format.dateTime(calendarDate(d), { dateStyle: "long" });
  const signatureOk = v.signature.present && v.signature.valid;
  return (
    <section
      aria-labelledby="verification-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      data-testid="verification-result"
    >
      <h2 id="verification-heading" className="text-xl font-semibold">
        {t("resultFor", { type: en ? v.typeNameEn : v.typeNameZh })}
      </h2>
      <p
        role="status"
        data-testid="signature-status"
        data-valid={signatureOk ? "true" : "false"}
        className={`mt-3 rounded border px-3 py-2 font-semibold ${signatureOk ? "border-green-700 bg-green-50 text-green-900" : "border-seal-600 bg-red-50 text-seal-600"}`}
      >
        <span aria-hidden="true">{signatureOk ? "✓ " : "✗ "}</span>
        {signatureOk ? t("signatureValid", { issuer }) : v.signature.present ? t("signatureInvalid") : t("signatureMissing")}
      </p>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">{t("number")}</dt>
        <dd className="font-mono break-all">{v.number}</dd>
        <dt className="text-slate-600">{t("type")}</dt>
        <dd>{en ? v.typeNameEn : v.typeNameZh}</dd>
        <dt className="text-slate-600">{t("issuer")}</dt>
        <dd>{issuer}</dd>
        <dt className="text-slate-600">{t("holderName")}</dt>
        <dd>{v.holderName}</dd>
        <dt className="text-slate-600">{v.holderIsPerson ? t("holderCodePerson") : t("holderCodeEntity")}</dt>
        <dd className="font-mono break-all">{v.holderCodeShown}</dd>
        <dt className="text-slate-600">{t("issuedOn")}</dt>
        <dd>{day(v.issuedOn)}</dd>
        <dt className="text-slate-600">{t("validUntil")}</dt>
        <dd>{v.validUntil ? day(v.validUntil) : t("permanent")}</dd>
        <dt className="text-slate-600">{t("status")}</dt>
        <dd>
          <CertificateStatusBadge status={v.status} supersededBy={v.supersededByNumber} />
          <SupersededBy number={v.supersededByNumber} />
        </dd>
        {v.status === "revoked" && v.revokedAt ? (
          <>
            <dt className="text-slate-600">{t("revokedOn")}</dt>
            <dd>{format.dateTime(v.revokedAt, { dateStyle: "long" })}</dd>
          </>
        ) : null}
        {v.status === "revoked" && v.revocationReason ? (
          <>
            <dt className="text-slate-600">{t("revocationReason")}</dt>
            <dd className="text-red-900">{v.revocationReason}</dd>
          </>
        ) : null}
      </dl>
      {v.fields.length > 0 ? (
        <section aria-labelledby="verification-contents" className="mt-4">
          <h3 id="verification-contents" className="text-lg font-semibold">
            {t("contents")}
          </h3>
          <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 border-t border-slate-200 pt-3 sm:grid-cols-[max-content_1fr]" data-testid="verification-fields">
            {v.fields.map((f) => (
              <div key={f.key} className="contents" data-field={f.key}>
                <dt className="text-slate-600">{en ? f.nameEn : f.nameZh}</dt>
                <dd className="break-words whitespace-pre-line">{en ? f.valueEn : f.valueZh}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : v.holderIsPerson ? (
        <p className="mt-4 text-sm text-slate-700">{t("personContentsHidden")}</p>
      ) : null}
      <p className="mt-4 text-sm text-slate-700">
        {t("keysHint")}{" "}
        <a href="/api/open/department-keys" className="text-brand-700 underline">
          {t("keys")}
        </a>
      </p>
    </section>
  );
}
