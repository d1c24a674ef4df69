import { getLocale, getTranslations } from "next-intl/server";
import { ObjectionForm } from "@/modules/sharing/components/objection-form";
import type { ApplicationView } from "../views";
import { ExchangeNote } from "./exchange-note";

type Material = ApplicationView["materials"][number];
type Upload = NonNullable<Material["upload"]>;
type Certificate = NonNullable<Material["certificate"]>;

const certificateTone: Record<Certificate["status"], string> = {
  valid: "text-green-900",
  expired: "font-semibold text-seal-600",
  revoked: "font-semibold text-seal-600",
};

/**
 * The materials as staff check them: what was entered, each uploaded file with its size and
 * SHA-256 (so a printout can be matched to the stored file) and a download link, and the
 * certificates taken from the registry, marked as supplied by government.
 */
export async function StaffMaterials({
  materials,
  headingLevel = 2,
  mayObject = false,
}: {
  materials: Material[];
  headingLevel?: 2 | 3;
  /** A reviewer of a using department may object to a certificate the case uses (数据异议). */
  mayObject?: boolean;
}) {
  const [t, ts, locale] = await Promise.all([getTranslations("applications.staff.materials"), getTranslations("sharing"), getLocale()]);
  const en = locale === "en";
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Item = headingLevel === 2 ? "h3" : "h4";

  const upload = (u: Upload) => (
    <div className="flex flex-col gap-2">
      <dl className="grid grid-cols-1 gap-x-4 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">{t("fileName")}</dt>
        <dd className="mb-1 break-all sm:mb-0">{u.fileName}</dd>
        <dt className="text-slate-600">{t("fileSize")}</dt>
        <dd className="mb-1 sm:mb-0">{t("fileSizeValue", { size: Math.max(1, Math.ceil(u.sizeBytes / 1024)) })}</dd>
        <dt className="text-slate-600">{t("sha256")}</dt>
        <dd className="break-all font-mono text-xs" data-testid="upload-sha256">
          {u.sha256}
        </dd>
      </dl>
      <p>
        {/* A plain link: the browser downloads it with the session cookie. */}
        <a href={`/api/uploads/${u.id}`} download={u.fileName} className="font-medium text-brand-700 underline hover:text-brand-800">
          {t("download", { name: u.fileName })}
        </a>
      </p>
    </div>
  );

  const certificate = (c: Certificate) => (
    <dl className="grid grid-cols-1 gap-x-4 text-sm sm:grid-cols-[max-content_1fr]">
      <dt className="text-slate-600">{t("certificateType")}</dt>
      <dd className="mb-1 sm:mb-0">{en ? c.typeNameEn : c.typeNameZh}</dd>
      <dt className="text-slate-600">{t("certificateNumber")}</dt>
      <dd className="mb-1 break-all font-mono sm:mb-0">{c.number}</dd>
      <dt className="text-slate-600">{t("issuer")}</dt>
      <dd className="mb-1 sm:mb-0">{en ? c.issuerNameEn : c.issuerNameZh}</dd>
      <dt className="text-slate-600">{t("validity")}</dt>
      <dd className="mb-1 sm:mb-0">{c.validUntil ? t("validityValue", { from: c.issuedOn, to: c.validUntil }) : t("validityOpen", { from: c.issuedOn })}</dd>
      <dt className="text-slate-600">{t("certificateStatus")}</dt>
      <dd className={certificateTone[c.status]}>{t(`certificateStatusValue.${c.status}`)}</dd>
    </dl>
  );

  return (
    <section aria-labelledby="materials-heading" className="flex flex-col gap-3">
      <Heading id="materials-heading" className="text-xl font-semibold">
        {t("title")}
      </Heading>
      {materials.length === 0 ? <p className="text-slate-700">{t("none")}</p> : null}
      <ul className="flex flex-col gap-3" data-testid="staff-materials">
        {materials.map((m) => {
          const fromGovernment = m.source === "certificate" && (m.certificate !== null || Boolean(m.exchange?.supplied));
          return (
            <li
              key={m.key}
              data-testid={`material-${m.key}`}
              className={`rounded-lg border bg-white p-4 ${fromGovernment ? "border-green-700" : "border-slate-200"}`}
            >
              <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <Item className="font-semibold">{en ? m.nameEn : m.nameZh}</Item>
                {fromGovernment && m.certificate ? (
                  <span className="rounded border border-green-700 bg-green-50 px-2 py-0.5 text-sm font-medium text-green-900">{t("government")}</span>
                ) : (
                  <span className="text-sm text-slate-600">{t(`source.${m.source}`)}</span>
                )}
              </div>
              {m.source === "formField" ? (
                <p className="whitespace-pre-wrap break-words" data-testid={`answer-${m.key}`}>
                  {m.answer ? en ? m.answer.en : m.answer.zh : <span className="text-slate-600">{t("notSupplied")}</span>}
                </p>
              ) : null}
              {m.certificate ? certificate(m.certificate) : null}
              {m.certificate && mayObject && m.certificate.status === "valid" && m.certificate.sharedFields.length > 0 ? (
                <div className="mt-2">
                  <ObjectionForm
                    number={m.certificate.number}
                    as="department"
                    idPrefix={`objection-${m.key}`}
                    fields={m.certificate.sharedFields.map((f) => ({ key: f.key, label: en ? f.nameEn : f.nameZh }))}
                  />
                </div>
              ) : null}
              {m.exchange ? <ExchangeNote exchange={m.exchange} uploaded={m.upload !== null || m.uploadWithheld} /> : null}
              {m.certificateRefused === "sharing.refusal.consentWithdrawn" ? (
                // Not an error of the gate: the applicant took their consent back. Information, with what to do.
                <div className="mb-2 rounded border border-slate-300 bg-slate-100 p-3 text-sm text-slate-800" data-testid="consent-withdrawn">
                  <p className="font-medium">{t("consentWithdrawn")}</p>
                  <p>{t("consentWithdrawnNext")}</p>
                </div>
              ) : m.certificateRefused ? (
                <p className="mb-2 text-sm text-seal-600" data-testid="certificate-refused">
                  {t("certificateRefused", {
                    reason: ts.has(m.certificateRefused.replace(/^sharing\./, "")) ? ts(m.certificateRefused.replace(/^sharing\./, "")) : m.certificateRefused,
                  })}
                </p>
              ) : null}
              {m.certificateNotForStep ? (
                <p className="mb-2 text-sm text-slate-700" data-testid="certificate-not-for-step">
                  {t("certificateNotForStep")}
                </p>
              ) : null}
              {m.source === "certificate" && !m.certificate && m.upload && !m.exchange ? (
                <p className="mb-2 text-sm text-amber-900">{t("certificateUploaded")}</p>
              ) : null}
              {m.source !== "formField" && m.upload ? upload(m.upload) : null}
              {m.committed ? (
                <p className="text-brand-800" data-testid={`committed-${m.key}`}>
                  {t("committed")}
                </p>
              ) : null}
              {m.source !== "formField" &&
              !m.upload &&
              !m.certificate &&
              !m.exchange?.supplied &&
              !m.certificateRefused &&
              !m.certificateNotForStep &&
              !m.committed ? (
                <p className="text-slate-600">{t("notSupplied")}</p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
