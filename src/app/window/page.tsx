import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { acceptanceTabs, StaffAcceptanceQueue, type AcceptanceTab } from "@/modules/applications/components/staff-acceptance-queue";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("landing"))("window.title") };
}

type Search = Promise<{ status?: string | string[] }>;

export default async function WindowQueuePage({ searchParams }: { searchParams: Search }) {
  await requireRole(["windowClerk"], "/window");
  const { status } = await searchParams;
  // An unknown tab in the URL falls back to the default rather than failing.
  const tab: AcceptanceTab = acceptanceTabs.find((s) => s === status) ?? "submitted";
  const [t, staff, ti] = await Promise.all([getTranslations("landing"), getTranslations("applications.staff.queue"), getTranslations("identity.keyIn")]);
  const rows = await (await api()).applications.acceptanceQueue({ status: tab });
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t("window.title")} lead={t("window.lead")}>
        <p className="max-w-3xl text-sm text-slate-600">{staff("deadlineHint")}</p>
        <Link
          href="/window/key-in"
          className="mt-2 inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
        >
          {ti("title")}
        </Link>
      </PageHeader>
      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="sr-only">
          {t("window.queue")}
        </h2>
        <StaffAcceptanceQueue tab={tab} rows={rows} />
      </section>
    </div>
  );
}
