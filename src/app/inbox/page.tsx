import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { roles } from "@/modules/identity/model";
import { InboxList } from "@/modules/notifications/components/inbox-list";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications.inbox"))("title") };
}

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireRole(roles, "/inbox");
  const [t, params] = await Promise.all([getTranslations("notifications.inbox"), searchParams]);
  const requested = Number.parseInt(params.page ?? "1", 10);
  const page = await (await api()).notifications.list({ page: Number.isFinite(requested) ? Math.min(Math.max(requested, 1), 10_000) : 1, pageSize: 20 });
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title={t("title")} lead={t("lead")} />
      <InboxList page={page} />
    </div>
  );
}
