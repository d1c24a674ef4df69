import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { StatusBadge } from "@/modules/applications/components/status-badge";
import { ProfileCard } from "@/modules/identity/components/profile-card";
import { ActingForSwitch } from "@/app/_shell/acting-for-switch";
import { LifecycleLinks } from "@/modules/registration/components/lifecycle-links";
import { StartBusinessLink } from "@/modules/registration/components/start-business-link";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("landing"))("applicant.title") };
}

type Search = Promise<{ acting?: string }>;

export default async function ApplicantLanding({ searchParams }: { searchParams: Search }) {
  const actor = await requireRole(["enterprise", "citizen"], "/applicant");
  const tc = await getTranslations("credit.mine");
  const [t, tm, th, ti, locale, format, { acting }] = await Promise.all([
    getTranslations("landing"),
    getTranslations("applications.mine"),
    getTranslations("sharing.holder.nav"),
    getTranslations("identity.applicant"),
    getLocale(),
    getFormatter(),
    searchParams,
  ]);
  const caller = await api();
  const [profile, mine] = await Promise.all([caller.identity.me(), caller.applications.mine()]);
  const en = locale === "en";
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("applicant.title")} lead={t("applicant.lead")}>
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/guides" className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {tm("apply")}
          </Link>
          <Link href="/applicant/certificates" className="inline-block rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
            {th("certificates")}
          </Link>
          <Link href="/applicant/data-log" className="inline-block rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
            {th("dataLog")}
          </Link>
          {actor.agency?.kind !== "window" ? (
            <Link href="/applicant/credit" className="inline-block rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
              {tc("title")}
            </Link>
          ) : null}
          {actor.agency?.kind !== "window" ? (
            <Link href="/applicant/mandates" className="inline-block rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
              {ti("mandatesLink")}
            </Link>
          ) : null}
          <StartBusinessLink />
          <LifecycleLinks />
        </div>
      </PageHeader>
      {acting === "refused" ? (
        <p role="status" className="rounded border border-seal-600 bg-red-50 px-3 py-2 text-seal-600" data-testid="acting-refused">
          {ti("actingRefused")}
        </p>
      ) : null}
      {profile.verification === "none" ? (
        <div role="status" className="flex flex-col gap-2 rounded border border-amber-400 bg-amber-50 p-4 text-amber-950" data-testid="unverified">
          <p>{ti("unverified")}</p>
          <Link href="/account" className="self-start text-brand-700 underline">
            {ti("verifyLink")}
          </Link>
        </div>
      ) : null}
      {actor.agency?.kind === "window" ? null : <ActingForSwitch />}
      <section aria-labelledby="applications-heading" className="flex flex-col gap-3">
        <h2 id="applications-heading" className="text-xl font-semibold">
          {t("applicant.applications")}
        </h2>
        {mine.length === 0 ? (
          <EmptyState title={tm("none")}>{tm("noneHint")}</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="my-applications">
            {mine.map((a) => (
              <li key={a.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <p className="font-semibold">{en ? a.titleEn : a.titleZh}</p>
                  <p className="font-mono text-sm text-slate-700">{a.trackingNumber ?? tm("draft")}</p>
                  {a.filedByName ? (
                    <p className="text-sm text-slate-700" data-testid="filed-by-name">
                      {ti(`filedBy.${a.filedAs}`, { name: a.filedByName })}
                    </p>
                  ) : null}
                  <p className="text-sm text-slate-600">
                    {tm("updated")}: {format.dateTime(a.updatedAt, { dateStyle: "medium", timeStyle: "short" })}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-3">
                  <StatusBadge status={a.status} kind="application" />
                  {a.progress.total > 0 && a.status !== "draft" ? (
                    <span className="text-sm text-slate-700">
                      {tm("progress")} {tm("progressValue", a.progress)}
                    </span>
                  ) : null}
                  {a.resumePath ? (
                    <Link href={a.resumePath} className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50">
                      {tm("resume")}
                      <span className="sr-only"> {en ? a.titleEn : a.titleZh}</span>
                    </Link>
                  ) : null}
                  {a.status !== "draft" ? (
                    <Link href={`/applications/${a.id}`} className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50">
                      {tm("open")}
                      <span className="sr-only"> {en ? a.titleEn : a.titleZh}</span>
                    </Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProfileCard profile={profile} />
    </div>
  );
}
