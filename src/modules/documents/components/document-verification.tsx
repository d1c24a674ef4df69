import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { DocumentVerificationView } from "../views";

/** The public verification result of a document: the seal check first, then the facts a print must match. */
export async function DocumentVerification({ view: v }: { view: DocumentVerificationView }) {
  const [t, locale, format] = await Promise.all([getTranslations("documents.verify"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const issuer = en ? v.issuerNameEn : v.issuerNameZh;
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00+08:00`), { dateStyle: "long", timeZone: "Asia/Shanghai" });
  return (
    <section aria-labelledby="document-verification-heading" className="flex flex-col gap-4" data-testid="document-verification">
      <div
        role="status"
        data-testid={v.signature.valid ? "document-verified" : "document-not-verified"}
        className={`rounded-lg border p-4 ${v.signature.valid ? "border-green-700 bg-green-50 text-green-900" : "border-seal-600 bg-red-50 text-seal-600"}`}
      >
        <p className="font-semibold">{v.signature.valid ? t("valid", { issuer }) : t("invalid")}</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="document-verification-heading" className="text-xl font-semibold">
          {en ? v.titleEn : v.titleZh}
        </h2>
        <p className="font-mono text-sm break-all">{v.number}</p>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">{t("issuer")}</dt>
          <dd>{issuer}</dd>
          <dt className="text-slate-600">{t("issuedOn")}</dt>
          <dd>{day(v.issuedOn)}</dd>
          <dt className="text-slate-600">{t("applicant")}</dt>
          <dd>{v.applicantName}</dd>
          <dt className="text-slate-600">{t("applicantCode")}</dt>
          <dd className="font-mono break-all">{v.applicantCode}</dd>
          <dt className="text-slate-600">{t("trackingNumber")}</dt>
          <dd className="font-mono break-all">{v.trackingNumber}</dd>
          <dt className="text-slate-600">{t("subject")}</dt>
          <dd>{en ? v.subjectEn : v.subjectZh}</dd>
          <dt className="text-slate-600">{t("fingerprint")}</dt>
          <dd className="font-mono" data-testid="verified-fingerprint">
            {v.signature.digest}
          </dd>
        </dl>
      </div>
    </section>
  );
}

/** The lookup by document number: a plain GET form (works without JavaScript); /verify sends it on. */
export async function DocumentVerifyForm({ defaultNumber = "", error }: { defaultNumber?: string; error?: string }) {
  const t = await getTranslations("documents.verify");
  return (
    <form method="get" action="/verify" className="flex flex-col gap-3 sm:flex-row sm:items-end" role="search">
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="document-number" className="font-medium">
          {t("numberLabel")}
        </label>
        <input
          id="document-number"
          name="number"
          autoComplete="off"
          maxLength={64}
          defaultValue={defaultNumber}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "document-number-error" : undefined}
          className="rounded border border-slate-400 px-3 py-2 font-mono aria-[invalid=true]:border-seal-600"
        />
        {error ? (
          <p id="document-number-error" className="text-sm text-seal-600" data-testid="error-document-number">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
        {t("submit")}
      </button>
    </form>
  );
}
