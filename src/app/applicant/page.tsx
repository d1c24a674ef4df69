import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ProfileCard } from "@/modules/identity/components/profile-card";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("landing"))("applicant.title") };
}

export default async function ApplicantLanding() {
  await requireRole(["enterprise", "citizen"], "/applicant");
  const t = await getTranslations("landing");
  const profile = await (await api()).identity.me();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("applicant.title")} lead={t("applicant.lead")} />
      <ProfileCard profile={profile} />
      <section aria-labelledby="applications-heading" className="flex flex-col gap-3">
        <h2 id="applications-heading" className="text-xl font-semibold">
          {t("applicant.applications")}
        </h2>
        <EmptyState title={t("applicant.empty")}>{t("applicant.emptyHint")}</EmptyState>
      </section>
    </div>
  );
}
