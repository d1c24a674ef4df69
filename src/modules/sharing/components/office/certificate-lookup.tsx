import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { VerificationView } from "../../gate";
import { RevokeCertificateForm } from "./revoke-certificate-form";

const statusTone: Record<VerificationView["status"], string> = {
  valid: "border-green-700 bg-green-50 text-green-900",
  expired: "border-slate-400 bg-slate-100 text-slate-800",
  revoked: "border-seal-600 bg-red-50 text-seal-600",
};

/**
 * Look up a certificate by number (a plain GET form, so the lookup is a link) and see what the
 * public verification shows; one that is not revoked can be revoked with a reason.
 */
export async function CertificateLookup({
  action,
  number,
  error,
  view,
}: {
  action: string;
  number: string;
  error: string | null;
  view: VerificationView | null | undefined;
}) {
  const t = await getTranslations("sharing.office.certificates");
  const errorId = error ? "certificate-number-error" : undefined;
  return (
    <div className="flex flex-col gap-6">
      <form
        method="get"
        action={action}
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
        data-testid="certificate-lookup"
        role="search"
        aria-label={t("lookupLegend")}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="certificate-number" className="font-medium text-slate-800">
            {t("number")}
          </label>
          <p id="certificate-number-hint" className="text-sm text-slate-600">
            {t("numberHint")}
          </p>
          <div className="flex flex-wrap items-start gap-3">
            <input
              id="certificate-number"
              name="number"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              defaultValue={number}
              aria-invalid={error ? true : undefined}
              aria-describedby={["certificate-number-hint", errorId].filter(Boolean).join(" ")}
              className="w-full max-w-xs rounded border border-slate-400 bg-white px-3 py-2 font-mono text-base aria-[invalid=true]:border-seal-600"
            />
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
              {t("lookup")}
            </button>
          </div>
          {error ? (
            <p id={errorId} className="text-sm text-seal-600" data-testid="error-number">
              {error}
            </p>
          ) : null}
        </div>
      </form>
      {view === null ? (
        <p role="status" className="rounded border border-amber-500 bg-amber-50 px-3 py-2 text-amber-950" data-testid="certificate-not-found">
          {t("notFound", { number })}
        </p>
      ) : view ? (
        <CertificateView view={view} />
      ) : null}
    </div>
  );
}

async function CertificateView({ view }: { view: VerificationView }) {
  const [t, locale, format] = await Promise.all([getTranslations("sharing.office.certificates"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const type = en ? view.typeNameEn : view.typeNameZh;
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00+08:00`), { year: "numeric", month: "long", day: "numeric" });
  const signature = !view.signature.present ? t("signatureMissing") : view.signature.valid ? t("signatureValid") : t("signatureInvalid");
  const signatureFailed = view.signature.present && !view.signature.valid;
  const rows: Array<{ label: string; value: string; testId?: string; alert?: boolean }> = [
    { label: t("type"), value: type },
    { label: t("issuer"), value: en ? view.issuerNameEn : view.issuerNameZh },
    { label: t("holder"), value: view.holderName },
    { label: t("holderCode"), value: view.holderCodeShown },
    { label: t("issuedOn"), value: day(view.issuedOn) },
    { label: t("validUntil"), value: view.validUntil ? day(view.validUntil) : t("noExpiry") },
    { label: t("signature"), value: signature, testId: "certificate-signature", alert: signatureFailed },
  ];
  if (view.revokedAt) rows.push({ label: t("revokedAt"), value: format.dateTime(view.revokedAt, { dateStyle: "medium", timeStyle: "short" }) });
  if (view.revocationReason) rows.push({ label: t("revocationReason"), value: view.revocationReason, testId: "certificate-revocation-reason" });
  return (
    <section aria-labelledby="certificate-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="certificate-view">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <h2 id="certificate-heading" className="min-w-0 text-xl font-semibold break-words">
          {t("resultTitle", { type, number: view.number })}
        </h2>
        <span
          className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${statusTone[view.status]}`}
          data-testid="certificate-status"
          data-status={view.status}
        >
          {t("statusLine", { status: t(`statusValue.${view.status}`) })}
        </span>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {rows.map((r) => (
          <div key={r.label} className="contents">
            <dt className="font-medium text-slate-700">{r.label}</dt>
            <dd className={`mb-2 break-words sm:mb-0 ${r.alert ? "font-semibold text-seal-600" : "text-slate-900"}`} data-testid={r.testId}>
              {r.value}
            </dd>
          </div>
        ))}
      </dl>
      {/* Kept in place once revoked, so the outcome of the revocation stays on screen. */}
      <RevokeCertificateForm key={view.number} number={view.number} revoked={view.status === "revoked"} className="mt-6 border-t border-slate-200 pt-4" />
    </section>
  );
}
