import QRCode from "qrcode";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Bilingual } from "../model";
import type { CaseDocumentView } from "../views";

/**
 * A case document as printed: title, number, addressee, the body its kind says, the reason, the
 * items or steps, the remedies of a refusal, the issuer and date with the seal check, and a QR code
 * of the public verification page.
 */
export async function PrintableDocument({ document: d, verifyUrl }: { document: CaseDocumentView; verifyUrl: string }) {
  const [t, tb, tr, locale, format] = await Promise.all([
    getTranslations("documents.print"),
    getTranslations("documents.body"),
    getTranslations("documents.remedies"),
    getLocale(),
    getFormatter(),
  ]);
  const en = locale === "en";
  const say = (b: Bilingual) => (en ? b.en : b.zh);
  // Punctuation of the reader's language: full-width in Chinese, ASCII in English.
  const paren = (x: string) => (en ? ` (${x})` : `（${x}）`);
  const colon = en ? ": " : "：";
  const day = (s: string) => format.dateTime(new Date(`${s}T12:00:00+08:00`), { dateStyle: "long", timeZone: "Asia/Shanghai" });
  const c = d.content;
  const qrLabel = t("qrLabel", { url: verifyUrl });
  const qrSvg = (await QRCode.toString(verifyUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" })).replace(
    "<svg ",
    `<svg role="img" aria-label="${escapeAttribute(qrLabel)}" focusable="false" `,
  );
  const stepsHeading = d.kind === "denialDecision" ? t("stepsCancelled") : d.kind === "acceptanceNotice" ? t("stepsAccepted") : t("stepsDecided");

  return (
    <article
      aria-labelledby="document-title"
      data-testid="printable-document"
      className="mx-auto w-full max-w-3xl rounded-lg border border-slate-300 bg-white p-4 shadow-sm sm:p-10 print:max-w-none print:border-0 print:shadow-none"
    >
      <header className="flex flex-col items-center gap-1 border-b-2 border-seal-600 pb-4 text-center">
        <p className="text-lg font-semibold tracking-wide text-seal-600">{say(c.issuer)}</p>
        <h1 id="document-title" className="text-2xl font-bold text-slate-900 sm:text-3xl">
          {say(c.title)}
        </h1>
        <p className="text-sm text-slate-700">
          {t("number")}{" "}
          <span className="font-mono break-all" data-testid="document-number">
            {d.number}
          </span>
        </p>
      </header>

      <p className="mt-6 font-medium">{t("to", { name: c.applicantName })}</p>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">{c.applicantIsPerson ? t("applicantCodePerson") : t("applicantCodeEntity")}</dt>
        <dd className="font-mono break-all">{c.applicantCode}</dd>
        <dt className="text-slate-600">{t("trackingNumber")}</dt>
        <dd className="font-mono break-all">{c.trackingNumber}</dd>
        <dt className="text-slate-600">{t("subject")}</dt>
        <dd>{say(c.subject)}</dd>
      </dl>

      <p className="mt-4 leading-relaxed indent-8" data-testid="document-body">
        {tb(d.kind, { submitted: c.submittedOn ? day(c.submittedOn) : "—", subject: say(c.subject), basis: say(c.legalBasis), date: day(c.issuedOn) })}
      </p>

      {c.reason ? (
        <section aria-labelledby="document-reason" className="mt-4">
          <h2 id="document-reason" className="font-semibold">
            {t("reason")}
          </h2>
          <p className="mt-1 leading-relaxed whitespace-pre-line" data-testid="document-reason">
            {c.reason}
          </p>
        </section>
      ) : null}

      {c.items.length > 0 ? (
        <section aria-labelledby="document-items" className="mt-4">
          <h2 id="document-items" className="font-semibold">
            {t("items")}
          </h2>
          <ol className="mt-2 flex list-decimal flex-col gap-3 pl-6" data-testid="document-items">
            {c.items.map((item, i) => (
              <li key={i}>
                <p>
                  <span className="font-medium">
                    {item.department ? say(item.department) : t("itemWindow")} · {t(`itemKind.${item.kind}`)}
                    {colon}
                  </span>
                  {item.text}
                </p>
                {item.materials.length > 0 ? (
                  <p className="text-sm text-slate-700">{t("itemMaterials", { names: item.materials.map((m) => say(m.name)).join("、") })}</p>
                ) : null}
                <p className="text-sm text-slate-700">{t("itemLegalBasis", { basis: item.legalBasis })}</p>
              </li>
            ))}
          </ol>
          <p className="mt-3 font-medium" data-testid="document-deadline">
            {c.deadline ? t("deadline", { date: day(c.deadline) }) : t("deadlineStatutory")}
          </p>
        </section>
      ) : null}

      {c.steps.length > 0 ? (
        <section aria-labelledby="document-steps" className="mt-4">
          <h2 id="document-steps" className="font-semibold">
            {stepsHeading}
          </h2>
          <ul className="mt-2 flex list-disc flex-col gap-1 pl-6" data-testid="document-steps">
            {c.steps.map((s, i) => (
              <li key={i}>
                {say(s.service)}
                {paren(say(s.department))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {c.limits ? <p className="mt-4 leading-relaxed">{t("limits", c.limits)}</p> : null}

      {c.extension ? (
        <section aria-labelledby="document-extension" className="mt-4" data-testid="document-extension">
          <h2 id="document-extension" className="font-semibold">
            {t("extensionTitle")}
          </h2>
          <p className="mt-1">{t("extensionStep", { step: `${say(c.extension.step.service)}${paren(say(c.extension.step.department))}` })}</p>
          <p className="mt-1 font-medium">
            {t("extensionDays", { days: c.extension.days, previous: day(c.extension.previousDueOn), next: day(c.extension.dueOn) })}
          </p>
          <p className="mt-1 text-sm text-slate-700">
            {t("extensionStatutory", { statutory: c.extension.statutoryDays, extended: c.extension.extendedStatutoryDays })}
          </p>
        </section>
      ) : null}

      {c.certificates.length > 0 ? (
        <section aria-labelledby="document-certificates" className="mt-4">
          <h2 id="document-certificates" className="font-semibold">
            {t("certificates")}
          </h2>
          <ul className="mt-2 flex list-disc flex-col gap-1 pl-6">
            {c.certificates.map((cert) => (
              <li key={cert.number}>
                {say(cert.type)} <span className="font-mono text-sm">{cert.number}</span>
              </li>
            ))}
          </ul>
          <p className="mt-1 text-sm text-slate-700">{t("certificatesHint")}</p>
        </section>
      ) : null}

      {c.remedies ? (
        <section
          aria-labelledby="document-remedies"
          className="mt-4 rounded border border-slate-300 bg-slate-50 p-3 print:bg-white"
          data-testid="document-remedies"
        >
          <h2 id="document-remedies" className="font-semibold">
            {tr("title")}
          </h2>
          <p className="mt-1 leading-relaxed">
            {tr("text", {
              days: c.remedies.reconsiderationDays,
              months: c.remedies.litigationMonths,
              bodies: c.remedies.reconsiderationBodies.map(say).join(en ? ` ${tr("or")} ` : tr("or")),
              court: say(c.remedies.court),
            })}
          </p>
          <p className="mt-1 text-sm text-slate-700">{tr("basis")}</p>
        </section>
      ) : null}

      <p className="mt-4 text-sm text-slate-700">
        {t("legalBasis")}
        {colon}
        {say(c.legalBasis)}
      </p>

      <div className="mt-8 flex flex-col items-end gap-1 text-right">
        <p className="font-semibold">{say(c.issuer)}</p>
        <p className="text-seal-600">{t("seal")}</p>
        <p>{day(c.issuedOn)}</p>
      </div>

      <div
        role="status"
        data-testid="document-signature"
        className={`mt-6 rounded border p-3 text-sm ${d.signature.valid ? "border-green-700 bg-green-50 text-green-900" : "border-seal-600 bg-red-50 text-seal-600"}`}
      >
        <p className="font-medium">{d.signature.valid ? t("signatureValid") : t("signatureInvalid")}</p>
        <p>
          {t("fingerprint")}: <span className="font-mono">{d.signature.digest}</span>
        </p>
      </div>

      <div className="mt-6 flex flex-col items-center gap-3 border-t border-slate-200 pt-4 sm:flex-row sm:items-start">
        <div data-testid="document-qr" className="h-32 w-32 shrink-0 bg-white [&>svg]:h-full [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <div className="flex min-w-0 flex-col gap-1 text-center sm:text-left">
          <p className="text-sm text-slate-700">{t("verifyHint")}</p>
          <a href={verifyUrl} data-testid="document-verify-link" className="font-mono text-sm break-all text-brand-700 underline">
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
