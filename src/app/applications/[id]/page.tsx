import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { ApplicationTimeline } from "@/modules/applications/components/application-timeline";
import { CaseActions } from "@/modules/applications/components/case-actions";
import { CaseStepper } from "@/modules/applications/components/case-stepper";
import { ExchangeNote } from "@/modules/applications/components/exchange-note";
import { NoticeHistory } from "@/modules/applications/components/notice-history";
import { StageMaterialsForm } from "@/modules/applications/components/stage-materials-form";
import { StatusBadge } from "@/modules/applications/components/status-badge";
import { CaseVerifications } from "@/modules/commitments/components/case-verifications";
import { CaseDocuments } from "@/modules/documents/components/case-documents";
import { CaseClocks } from "@/modules/review/components/case-clocks";
import { CaseRatings } from "@/modules/ratings/components/case-ratings";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications.case"))("title") };
}

type Params = Promise<{ id: string }>;
type Search = Promise<{ submitted?: string }>;

export default async function CasePage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { id } = await params;
  await requireRole(["enterprise", "citizen"], `/applications/${id}`);
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const app = await (await api()).applications.get({ applicationId: id }).catch(() => null);
  if (!app) notFound();
  const { submitted } = await searchParams;
  const documents = await (await api()).documents.forApplication({ applicationId: app.id });
  const rated = await (await api()).ratings.forCase({ applicationId: app.id });
  const clocks = await (await api()).review.clocks.forApplication({ applicationId: app.id });
  const verifications = app.materials.some((m) => m.committed) ? await (await api()).commitments.ofApplication({ applicationId: app.id }) : [];
  const [t, ti, ts, tc, tcs, locale, format] = await Promise.all([
    getTranslations("applications.case"),
    getTranslations("identity.case"),
    getTranslations("applications.stageMaterials"),
    getTranslations("commitments.case"),
    getTranslations("sharing.holder.status"),
    getLocale(),
    getFormatter(),
  ]);
  const en = locale === "en";
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const openNotice = app.notices.find((n) => !n.completedAt);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={en ? app.titleEn : app.titleZh}>
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={app.status} kind="application" />
          {app.progress.total > 0 ? <span className="text-slate-700">{t("progress", app.progress)}</span> : null}
        </div>
      </PageHeader>

      <CaseStepper application={app} />

      {submitted && app.trackingNumber ? (
        <div role="status" className="rounded-lg border border-green-700 bg-green-50 p-4 text-green-900" data-testid="submitted-receipt">
          <p className="font-semibold">{t("submittedTitle")}</p>
          <p>{t("submittedBody")}</p>
        </div>
      ) : null}

      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">{t("trackingNumber")}</dt>
          <dd className="font-mono text-lg" data-testid="tracking-number">
            {app.trackingNumber ?? t("notYet")}
          </dd>
          <dt className="text-slate-600">{t("queryCode")}</dt>
          <dd className="font-mono text-lg" data-testid="query-code">
            {app.queryCode ?? t("notYet")}
          </dd>
          <dt className="text-slate-600">{t("applicant")}</dt>
          <dd>{app.applicantName}</dd>
          {app.filedBy ? (
            <>
              <dt className="text-slate-600">{ti("filedBy")}</dt>
              <dd data-testid="filed-by">
                {ti(`filedAs.${app.filedBy.as}`, { name: app.filedBy.name })}
                {app.filedBy.consentKind ? ` · ${ti(`consent.${app.filedBy.consentKind}`, { reference: app.filedBy.consentReference ?? "" })}` : ""}
              </dd>
            </>
          ) : null}
          {app.situations.length > 0 ? (
            <>
              <dt className="text-slate-600">{ts("situations")}</dt>
              <dd>
                <ul data-testid="case-situations">
                  {app.situations.map((s) => (
                    <li key={s.key}>{en ? `${s.questionEn}: ${s.answerEn}` : `${s.questionZh}：${s.answerZh}`}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("submittedAt")}</dt>
          <dd>{when(app.submittedAt)}</dd>
          {app.catalogVersion !== null ? (
            <>
              <dt className="text-slate-600">{t("catalogVersionLabel")}</dt>
              <dd data-testid="catalog-version">{t("catalogVersion", { version: app.catalogVersion })}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("acceptedAt")}</dt>
          <dd>{when(app.acceptedAt)}</dd>
          {app.decidedAt ? (
            <>
              <dt className="text-slate-600">{t("decidedAt")}</dt>
              <dd>{when(app.decidedAt)}</dd>
            </>
          ) : null}
          {app.refusalReason ? (
            <>
              <dt className="text-slate-600">{t("reason")}</dt>
              <dd>{app.refusalReason}</dd>
            </>
          ) : null}
        </dl>
        {app.queryCode ? <p className="mt-3 text-sm text-slate-600">{t("queryCodeHint")}</p> : null}
      </Card>

      <NoticeHistory notices={app.notices} headingId="notices-heading" heading={openNotice ? t("noticeTitle") : t("noticesTitle")} />

      {app.mayAct && app.stageMaterials ? <StageMaterialsForm application={{ ...app, stageMaterials: app.stageMaterials }} /> : null}

      {app.mayAct ? (
        <CaseActions application={app} />
      ) : (
        <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-slate-700" data-testid="view-only">
          {ti("viewOnly")}
        </p>
      )}

      {rated.ratable ? <CaseRatings applicationId={app.id} view={rated} /> : null}

      <section aria-labelledby="timeline-heading" className="flex flex-col gap-3">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          {t("timeline")}
        </h2>
        <ApplicationTimeline tasks={app.tasks} />
      </section>

      <CaseClocks clocks={clocks} />

      {documents.length > 0 ? <CaseDocuments documents={documents} /> : null}

      {app.certificates.length > 0 ? (
        <section aria-labelledby="certs-heading" className="flex flex-col gap-3">
          <h2 id="certs-heading" className="text-xl font-semibold">
            {t("certificates")}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="certificates">
            {app.certificates.map((c) => (
              <li key={c.id} className="rounded-lg border border-green-700 bg-white p-4">
                <p className="font-semibold">
                  <Link href={`/applicant/certificates/${c.id}`} className="text-brand-700 underline">
                    {en ? c.typeNameEn : c.typeNameZh}
                  </Link>
                </p>
                <p className="font-mono text-sm">{c.number}</p>
                {c.status === "valid" ? null : (
                  <p className="font-semibold text-seal-600" data-testid={`certificate-status-${c.number}`}>
                    {tcs(c.status)}
                  </p>
                )}
                <p className="text-sm text-slate-700">{t("issuedBy", { issuer: en ? c.issuerNameEn : c.issuerNameZh, date: c.issuedOn })}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {app.burdenSaved.length > 0 ? (
        <Card>
          <h2 className="text-lg font-semibold">{t("burdenTitle", { count: app.burdenSaved.length })}</h2>
          <ul className="mt-2 list-disc pl-6" data-testid="burden-saved">
            {app.burdenSaved.map((b) => (
              <li key={b.nameZh}>
                {en ? b.nameEn : b.nameZh}
                {b.number ? <span className="font-mono text-sm text-slate-600"> {b.number}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("materials")}</h2>
        <ul className="flex flex-col gap-2">
          {app.materials.map((m) => (
            <li key={m.key} className="flex flex-col sm:flex-row sm:gap-3">
              <span className="text-slate-600 sm:w-48 sm:shrink-0">{en ? m.nameEn : m.nameZh}</span>
              <span data-testid={`answer-${m.key}`}>
                {(m.answer ? (en ? m.answer.en : m.answer.zh) : null) ??
                  (m.committed
                    ? tc("committed")
                    : m.certificate
                      ? t("fromRegistry", { number: m.certificate.number })
                      : m.exchange?.supplied
                        ? null
                        : m.upload
                          ? t("uploadedFile", { name: m.upload.fileName, size: Math.ceil(m.upload.sizeBytes / 1024) })
                          : m.stage > 1
                            ? ts("laterStage", { stage: m.stage })
                            : "—")}
                {m.exchange ? <ExchangeNote exchange={m.exchange} uploaded={m.upload !== null} /> : null}
              </span>
            </li>
          ))}
        </ul>
      </Card>

      {app.materials.some((m) => m.committed) ? <CaseVerifications verifications={verifications} /> : null}
    </div>
  );
}
