import QRCode from "qrcode";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { getMyCertificate } from "../my-certificates";
import { isPersonHolderCode } from "../model";
import { calendarDate, CertificateStatusBadge } from "./holder-certificate-status";

export type PrintableCertificate = Awaited<ReturnType<typeof getMyCertificate>>;

/**
 * The printable electronic certificate (电子证照): its facts, the fields its type prints, and a QR code of the
 * public verification page, so whoever is shown a print can check it against the registry.
 */
export async function PrintableCertificateCard({ certificate: c, verifyUrl }: { certificate: PrintableCertificate; verifyUrl: string }) {
  const [t, tc, locale, format] = await Promise.all([
    getTranslations("sharing.holder.printable"),
    getTranslations("sharing.holder.certificates"),
    getLocale(),
    getFormatter(),
  ]);
  const en = locale === "en";
  const day = (d: string) => format.dateTime(calendarDate(d), { dateStyle: "long" });
  const qrLabel = t("qrLabel", { url: verifyUrl });
  // The SVG itself is the image, named for screen readers; its paths are drawing only.
  const qrSvg = (await QRCode.toString(verifyUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" })).replace(
    "<svg ",
    `<svg role="img" aria-label="${escapeAttribute(qrLabel)}" focusable="false" `,
  );
  const person = isPersonHolderCode(c.holderCode);

  return (
    <article
      aria-labelledby="certificate-title"
      data-testid="printable-certificate"
      className="mx-auto w-full max-w-3xl rounded-lg border-4 border-double border-seal-600 bg-white p-4 shadow-sm sm:p-8 print:max-w-none print:shadow-none"
    >
      <div className="flex flex-col items-center gap-1 border-b border-slate-200 pb-4 text-center">
        <p className="text-sm tracking-widest text-seal-600">{t("kicker")}</p>
        <h1 id="certificate-title" className="text-2xl font-bold text-slate-900 sm:text-3xl">
          {en ? c.typeNameEn : c.typeNameZh}
        </h1>
        <p className="text-sm text-slate-700">
          {tc("number")}{" "}
          <span className="font-mono break-all" data-testid="certificate-number">
            {c.number}
          </span>
        </p>
        <CertificateStatusBadge status={c.status} />
      </div>

      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">{t("holderName")}</dt>
        <dd className="font-medium">{c.holderName}</dd>
        <dt className="text-slate-600">{person ? t("holderCodePerson") : t("holderCodeEntity")}</dt>
        <dd className="font-mono break-all">{c.holderCode}</dd>
        <dt className="text-slate-600">{tc("issuer")}</dt>
        <dd>{en ? c.issuerNameEn : c.issuerNameZh}</dd>
        <dt className="text-slate-600">{tc("issuedOn")}</dt>
        <dd>{day(c.issuedOn)}</dd>
        <dt className="text-slate-600">{tc("validity")}</dt>
        <dd>{c.validUntil ? tc("validUntil", { date: day(c.validUntil) }) : tc("permanent")}</dd>
        {c.status === "revoked" && c.revocationReason ? (
          <>
            <dt className="text-slate-600">{tc("revocationReason")}</dt>
            <dd className="text-red-900">{c.revocationReason}</dd>
          </>
        ) : null}
      </dl>

      {c.shown.length > 0 ? (
        <section aria-labelledby="certificate-contents" className="mt-6">
          <h2 id="certificate-contents" className="text-lg font-semibold">
            {t("contents")}
          </h2>
          <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 border-t border-slate-200 pt-3 sm:grid-cols-[max-content_1fr]" data-testid="certificate-fields">
            {c.shown.map((f) => (
              <div key={f.key} className="contents" data-field={f.key}>
                <dt className="text-slate-600">{en ? f.nameEn : f.nameZh}</dt>
                <dd className="break-words whitespace-pre-line">{en ? f.valueEn : f.valueZh}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <div className="mt-6 flex flex-col items-center gap-3 border-t border-slate-200 pt-4 sm:flex-row sm:items-start">
        <div data-testid="verify-qr" className="h-36 w-36 shrink-0 bg-white [&>svg]:h-full [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <div className="flex min-w-0 flex-col gap-1 text-center sm:text-left">
          <p className="text-sm text-slate-700">{t("verifyHint")}</p>
          <a href={verifyUrl} data-testid="verify-link" className="font-mono text-sm break-all text-brand-700 underline">
            {verifyUrl}
          </a>
        </div>
      </div>
    </article>
  );
}

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
