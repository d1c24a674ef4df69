import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { realDurations } from "@/modules/serviceIndex/real-durations";
import { DemoNotice } from "@/components/demo-notice";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { getDb } from "@/server/db";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Card, PageHeader } from "@/components/page-header";
import { BundleStages } from "@/modules/catalog/components/bundle-stages";
import { formatFee, pick, pickText } from "@/modules/catalog/components/format";
import { MaterialsTable } from "@/modules/catalog/components/materials-table";
import { SituationsForm } from "@/modules/catalog/components/situations-form";
import { chosenSituations, materialMayApply } from "@/modules/catalog/model";
import type { Guide } from "@/modules/catalog/views";
import { currentActor } from "@/server/auth/actor";
import { api } from "@/trpc/server";
import { registrationPages } from "@/modules/registration/model";

export const dynamic = "force-dynamic";

type Params = Promise<{ code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function loadGuide(code: string): Promise<Guide | null> {
  try {
    return await (await api()).catalog.guide({ code });
  } catch (error) {
    // An unknown, unpublished or malformed code is a missing page; anything else is a real failure.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const guide = await loadGuide(decodeURIComponent((await params).code));
  return guide ? { title: pick(guide, await getLocale()) } : {};
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 border-t border-slate-100 py-2 first:border-t-0 sm:grid sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

export default async function GuidePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const guide = await loadGuide(decodeURIComponent((await params).code));
  if (!guide) notFound();
  // 办理情形 picked in the guide's form: only answers the questions list count.
  const chosen = chosenSituations(guide.situations, await searchParams);
  const materials = guide.materials.filter((m) => materialMayApply(m, chosen));
  const [t, tc, td, locale, actor, durations] = await Promise.all([
    getTranslations("catalog.guide"),
    getTranslations("catalog"),
    getTranslations("serviceIndex.durations"),
    getLocale(),
    currentActor(),
    realDurations(await getDb(), { kind: guide.kind, code: guide.code }),
  ]);
  const demoHistory = durations.cases > 0 && (await hasDemoHistory(await getDb()));
  const en = locale === "en";
  const list = (items: string[]) => items.join(en ? ", " : "、");
  const kinds = list(guide.applicantKinds.map((k) => tc(`kinds.${k}`)));
  const applicant = actor && (actor.role === "enterprise" || actor.role === "citizen") ? actor.role : null;

  const apply =
    actor && !applicant ? null : applicant && !guide.applicantKinds.includes(applicant) ? (
      <p className="text-slate-700" data-testid="not-for-you">
        {t("notForYou")}
      </p>
    ) : (
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
        <Link
          href={(guide.kind === "bundle" ? registrationPages[guide.code] : undefined) ?? `/apply/${guide.kind}/${encodeURIComponent(guide.code)}`}
          className="inline-block self-start rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800"
          data-testid="apply-online"
        >
          {t("apply")}
        </Link>
        {!actor ? <p className="text-sm text-slate-600">{t("applyHint")}</p> : null}
      </div>
    );

  const askedBy = guide.kind === "bundle" ? new Map(guide.steps.map((s) => [s.service.code, pick(s.service, locale)])) : undefined;

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("back")}>
        <Link href="/guides" className="text-brand-700 underline underline-offset-2">
          ← {t("back")}
        </Link>
      </nav>
      <PageHeader
        title={pick(guide, locale)}
        lead={guide.kind === "bundle" ? pickText(guide.descriptionZh, guide.descriptionEn, locale) : pick(guide.department, locale)}
      >
        {apply}
      </PageHeader>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <h2 className="mb-2 text-xl font-semibold">{t("overview")}</h2>
          <dl>
            <Fact label={t("applicantKinds")}>{kinds}</Fact>
            {guide.kind === "bundle" ? (
              <>
                {guide.requiresCertificate ? (
                  <Fact label={t("requires")}>{t("requiresValue", { certificate: pick(guide.requiresCertificate, locale) })}</Fact>
                ) : null}
                <Fact label={t("leadDepartment")}>{pick(guide.leadDepartment, locale)}</Fact>
                <Fact label={t("departments")}>
                  {list([...new Map(guide.steps.map((s) => [s.service.department.code, pick(s.service.department, locale)])).values()])}
                </Fact>
              </>
            ) : (
              <>
                <Fact label={t("department")}>{pick(guide.department, locale)}</Fact>
                <Fact label={t("legalBasis")}>{guide.legalBasis}</Fact>
                <Fact label={t("conditions")}>{pickText(guide.conditionsZh, guide.conditionsEn, locale)}</Fact>
                <Fact label={t("issues")}>{guide.issues ? pick(guide.issues, locale) : t("none")}</Fact>
                <Fact label={t("autoAcceptance")}>{guide.autoAcceptance ? t("autoAcceptanceYes") : t("autoAcceptanceNo")}</Fact>
                <Fact label={t("deemedApproval")}>{guide.deemedApprovalOnTimeout ? t("yes") : t("no")}</Fact>
              </>
            )}
          </dl>
        </Card>
        <Card>
          <h2 className="mb-2 text-xl font-semibold">{t("timeLimits")}</h2>
          <dl>
            <Fact label={t("promised")}>
              <span data-testid="promised-days">{tc("days", { count: guide.promisedDays })}</span>
            </Fact>
            <Fact label={t("statutory")}>
              <span data-testid="statutory-days">{tc("days", { count: guide.statutoryDays })}</span>
            </Fact>
            <Fact label={td("label")}>
              <span data-testid="real-durations">
                {durations.sufficient
                  ? td("figures", { median: durations.median ?? 0, p90: durations.p90 ?? 0, cases: durations.cases })
                  : td("insufficient", { cases: durations.cases })}
              </span>
              <DemoNotice show={demoHistory} compact />
            </Fact>
            <Fact label={t("fee")}>{formatFee(guide.feeFen, locale, tc("free"))}</Fact>
          </dl>
          {guide.kind === "bundle" ? <p className="mt-2 text-sm text-slate-600">{t("bundleDaysNote")}</p> : null}
        </Card>
      </div>

      {guide.kind === "bundle" ? (
        <section aria-labelledby="steps-heading" className="flex flex-col gap-3">
          <div>
            <h2 id="steps-heading" className="text-2xl font-semibold">
              {t("steps")}
            </h2>
            <p className="text-slate-700">{t("stepsLead")}</p>
          </div>
          <BundleStages guide={guide} />
        </section>
      ) : null}

      {guide.situations.length > 0 ? (
        <section aria-labelledby="situations-heading" className="flex flex-col gap-3">
          <div>
            <h2 id="situations-heading" className="text-2xl font-semibold">
              {t("situations")}
            </h2>
            <p className="text-slate-700">{t("situationsLead")}</p>
          </div>
          <SituationsForm situations={guide.situations} chosen={chosen} action={`/guides/${encodeURIComponent(guide.code)}#materials-heading`} />
        </section>
      ) : null}

      <section aria-labelledby="materials-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="materials-heading" className="text-2xl font-semibold">
            {t("materials")}
          </h2>
          <p className="text-slate-700">{t("materialsLead")}</p>
          {materials.length < guide.materials.length ? (
            <p className="mt-1 text-slate-700" role="status" data-testid="situations-filtered">
              {t("situationsFiltered", { count: guide.materials.length - materials.length })}
            </p>
          ) : null}
        </div>
        <MaterialsTable materials={materials} askedBy={askedBy} situations={guide.situations} />
      </section>

      {guide.kind === "service" && guide.bundles.length > 0 ? (
        <section aria-labelledby="bundles-heading" className="flex flex-col gap-2">
          <h2 id="bundles-heading" className="text-2xl font-semibold">
            {t("partOf")}
          </h2>
          <p className="text-slate-700">{t("partOfLead")}</p>
          <ul className="list-inside list-disc">
            {guide.bundles.map((b) => (
              <li key={b.code}>
                <Link href={`/guides/${b.code}`} className="text-brand-700 underline underline-offset-2">
                  {pick(b, locale)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
