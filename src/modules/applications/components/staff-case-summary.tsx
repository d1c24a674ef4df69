import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import type { ApplicationView } from "../views";
import { StatusBadge } from "./status-badge";

/** The facts staff check first: number, applicant (full code: staff need it), dates, status. */
export async function StaffCaseSummary({ application: app, headingLevel = 2 }: { application: ApplicationView; headingLevel?: 2 | 3 }) {
  const [t, kind, ts, locale, format] = await Promise.all([
    getTranslations("applications.staff.case"),
    getTranslations("applications.staff.kind"),
    getTranslations("applications.stageMaterials"),
    getLocale(),
    getFormatter(),
  ]);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : t("notYet"));
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const rows: Array<[string, React.ReactNode, string?]> = [
    [t("trackingNumber"), app.trackingNumber ?? t("notYet"), "font-mono"],
    [t("kind"), kind(app.kind)],
    [t("status"), <StatusBadge key="status" status={app.status} kind="application" />],
    [t("applicant"), app.applicantName],
    [t("holderCode"), app.holderCode, "font-mono break-all"],
    [t("submittedAt"), when(app.submittedAt)],
  ];
  // 办理情形: the situations the applicant declared, which decided the materials (labels, never codes).
  if (app.situations.length > 0)
    rows.push([
      ts("situations"),
      <ul key="situations" data-testid="case-situations">
        {app.situations.map((s) => (
          <li key={s.key}>{locale === "en" ? `${s.questionEn}: ${s.answerEn}` : `${s.questionZh}：${s.answerZh}`}</li>
        ))}
      </ul>,
    ]);
  if (app.catalogVersion !== null)
    rows.push([
      t("catalogVersionLabel"),
      <span key="catalog-version" data-testid="catalog-version">
        {t("catalogVersion", { version: app.catalogVersion })}
      </span>,
    ]);
  if (app.acceptedAt) rows.push([t("acceptedAt"), when(app.acceptedAt)]);
  if (app.decidedAt) rows.push([t("decidedAt"), when(app.decidedAt)]);
  if (app.progress.total > 0) rows.push([t("progress"), t("progressValue", app.progress)]);
  if (app.refusalReason) rows.push([t("refusalReason"), app.refusalReason]);
  return (
    <Card>
      <Heading className="mb-3 text-lg font-semibold">{t("summary")}</Heading>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr] sm:gap-y-2" data-testid="case-summary">
        {rows.map(([label, value, className]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className={`mb-2 sm:mb-0 ${className ?? ""}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
