import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { CreditRecordView } from "../views";

/** One version of a credit record with its status, validity and publication (server component). */
export async function RecordCard({ record, children }: { record: CreditRecordView; children?: ReactNode }) {
  const [t, locale] = await Promise.all([getTranslations("credit"), getLocale()]);
  const en = locale === "en";
  const published =
    record.publishedFrom === null
      ? t("fields.publishedNone")
      : record.publishedUntil === null
        ? t("fields.publishedOpen", { from: record.publishedFrom })
        : t("fields.publishedRange", { from: record.publishedFrom, until: record.publishedUntil });
  const current = record.status === "active";
  return (
    <article
      className={`flex min-w-0 flex-col gap-2 rounded-lg border p-4 ${current ? "border-slate-200 bg-white" : "border-slate-300 bg-slate-50"}`}
      data-testid="credit-record"
      data-record-version={record.recordVersion}
      data-status={record.status}
      aria-label={`${record.title} · ${t("mine.versionOf", { version: record.recordVersion })}`}
    >
      <p className="flex flex-wrap gap-x-3 text-sm font-medium text-brand-700">
        <span>{t(`kind.${record.kind}`)}</span>
        {record.severity ? <span>{t(`severity.${record.severity}`)}</span> : null}
        <span>{t("mine.versionOf", { version: record.recordVersion })}</span>
        <span className={current ? "text-green-800" : "text-slate-700"}>{t(`status.record.${record.status}`)}</span>
        <span className={record.publicNow ? "text-green-800" : "text-slate-700"}>{record.publicNow ? t("fields.publicNow") : t("fields.notPublicNow")}</span>
        {record.expired ? <span className="text-slate-700">{t("fields.expired")}</span> : null}
      </p>
      <h3 className="text-lg font-semibold">{record.title}</h3>
      <p className="whitespace-pre-wrap">{record.content}</p>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">{t("fields.subject")}</dt>
        <dd>{record.subjectName}</dd>
        <dt className="text-slate-600">{t("fields.department")}</dt>
        <dd>{en ? record.departmentEn : record.departmentZh}</dd>
        {record.documentNumber ? (
          <>
            <dt className="text-slate-600">{t("fields.documentNumber")}</dt>
            <dd>{record.documentNumber}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t("fields.legalBasis")}</dt>
        <dd>{record.legalBasis}</dd>
        <dt className="text-slate-600">{t("fields.decidedOn")}</dt>
        <dd>{record.decidedOn}</dd>
        {record.validUntil ? (
          <>
            <dt className="text-slate-600">{t("fields.validUntil")}</dt>
            <dd>{record.validUntil}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t("fields.published")}</dt>
        <dd>{published}</dd>
        {record.repairableFrom && current ? (
          <>
            <dt className="text-slate-600">{t("fields.repairableFrom")}</dt>
            <dd>{record.repairableFrom}</dd>
          </>
        ) : null}
      </dl>
      {children}
    </article>
  );
}
