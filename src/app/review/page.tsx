import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ProfileCard } from "@/modules/identity/components/profile-card";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("landing"))("review.title") };
}

export default async function ReviewLanding() {
  await requireRole(["reviewer"], "/review");
  const [t, locale] = await Promise.all([getTranslations("landing"), getLocale()]);
  const profile = await (await api()).identity.me();
  const department = profile.department ? (locale === "en" ? profile.department.nameEn : profile.department.nameZh) : "";
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("review.title")} lead={t("review.lead", { department })} />
      <ProfileCard profile={profile} />
      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="text-xl font-semibold">
          {t("review.queue", { department })}
        </h2>
        <EmptyState title={t("review.empty")} />
      </section>
    </div>
  );
}
