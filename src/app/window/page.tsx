import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ProfileCard } from "@/modules/identity/components/profile-card";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("landing"))("window.title") };
}

export default async function WindowLanding() {
  await requireRole(["windowClerk"], "/window");
  const t = await getTranslations("landing");
  const profile = await (await api()).identity.me();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("window.title")} lead={t("window.lead")} />
      <ProfileCard profile={profile} />
      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="text-xl font-semibold">
          {t("window.queue")}
        </h2>
        <EmptyState title={t("window.empty")} />
      </section>
    </div>
  );
}
