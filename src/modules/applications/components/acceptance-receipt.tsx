import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ProvisionalBadge } from "@/modules/calendar/components/provisional-badge";
import type { AppRouter } from "@/root/router";
import { maskHolderCode } from "../views";

type ApplicationView = inferRouterOutputs<AppRouter>["applications"]["get"];

/**
 * 收件回执: what the window gives the applicant on receipt — the tracking number, the applicant, the
 * service or bundle, the materials received and how, the date of receipt, the window's acceptance
 * deadline (art. 32) and the window. Printable: the page's print styles leave only this card.
 */
export async function AcceptanceReceipt({ application: app, clerk, printedAt }: { application: ApplicationView; clerk: string; printedAt: Date }) {
  const [t, locale, format] = await Promise.all([getTranslations("applications.receipt"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "long", timeStyle: "short" }) : "—");
  const day = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  // Materials received: uploaded files and certificates read from the registry (the form's answers are the form).
  const received = app.materials.filter((m) => m.upload || m.certificate || m.uploadWithheld);
  const row = "grid grid-cols-1 gap-1 border-b border-slate-200 py-2 sm:grid-cols-[10rem_1fr] sm:gap-4 print:grid-cols-[10rem_1fr]";
  return (
    <article
      className="mx-auto w-full max-w-3xl rounded-lg border border-slate-300 bg-white p-6 shadow-sm print:border-0 print:p-0 print:shadow-none"
      data-testid="acceptance-receipt"
    >
      <header className="mb-4 text-center">
        <h1 className="text-2xl font-bold tracking-wide">{t("heading")}</h1>
        <p className="mt-1 text-slate-700">{t("subheading")}</p>
      </header>
      <dl>
        <div className={row}>
          <dt className="font-medium text-slate-700">{t("trackingNumber")}</dt>
          <dd className="font-mono text-lg font-semibold">{app.trackingNumber ?? "—"}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium text-slate-700">{t("applicant")}</dt>
          <dd>
            {app.applicantName}
            <span className="ml-2 font-mono text-sm text-slate-600">{maskHolderCode(app.holderCode)}</span>
          </dd>
        </div>
        <div className={row}>
          <dt className="font-medium text-slate-700">{t(app.kind === "bundle" ? "bundle" : "service")}</dt>
          <dd>{en ? app.titleEn : app.titleZh}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium text-slate-700">{t("receivedAt")}</dt>
          <dd>{when(app.submittedAt)}</dd>
        </div>
        <div className={row}>
          <dt className="font-medium text-slate-700">{t("acceptanceDue")}</dt>
          <dd data-testid="receipt-acceptance-due">
            {app.acceptanceDueAt ? (
              <span className="flex flex-wrap items-center gap-2">
                {t("acceptanceDueValue", { date: day(app.acceptanceDueAt) })}
                {app.acceptanceDueProvisional ? <ProvisionalBadge /> : null}
              </span>
            ) : (
              "—"
            )}
          </dd>
        </div>
        <div className={row}>
          <dt className="font-medium text-slate-700">{t("window")}</dt>
          <dd>{t("windowValue", { clerk })}</dd>
        </div>
      </dl>
      <section aria-labelledby="receipt-materials" className="mt-4">
        <h2 id="receipt-materials" className="mb-2 text-lg font-semibold">
          {t("materials", { count: received.length })}
        </h2>
        {received.length === 0 ? (
          <p className="text-slate-700">{t("noMaterials")}</p>
        ) : (
          <ol className="list-decimal space-y-1 pl-6" data-testid="receipt-materials">
            {received.map((m) => (
              <li key={m.key}>
                <span className="font-medium">{en ? m.nameEn : m.nameZh}</span>
                <span className="ml-2 text-slate-700">
                  {m.certificate
                    ? t("viaCertificate", { number: m.certificate.number })
                    : m.upload
                      ? t("viaUpload", { file: m.upload.fileName })
                      : t("viaUploadWithheld")}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="mt-4 text-sm text-slate-700">{t("notice")}</p>
      <p className="mt-2 text-sm text-slate-600">{t("printedAt", { date: when(printedAt) })}</p>
    </article>
  );
}
