import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { acceptanceTabs, StaffAcceptanceQueue, WindowTabs, type AcceptanceTab } from "@/modules/applications/components/staff-acceptance-queue";
import { WindowProcessed } from "@/modules/applications/components/window-processed";
import { ZWindowSearch } from "@/modules/applications/inputs";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("landing"))("window.title") };
}

type Search = Promise<{ status?: string | string[]; q?: string | string[]; page?: string | string[] }>;

export default async function WindowQueuePage({ searchParams }: { searchParams: Search }) {
  await requireRole(["windowClerk"], "/window");
  const search = await searchParams;
  const processed = search.status === "processed";
  // An unknown tab in the URL falls back to the default rather than failing.
  const tab: AcceptanceTab = acceptanceTabs.find((s) => s === search.status) ?? "submitted";
  const [t, staff, ti, tf] = await Promise.all([
    getTranslations("landing"),
    getTranslations("applications.staff.queue"),
    getTranslations("identity.keyIn"),
    getTranslations("applications.forwarding"),
  ]);
  const caller = await api();
  // The search is parsed by the procedure's own schema: a refused one is said on the field.
  const q = ZWindowSearch.safeParse(typeof search.q === "string" ? search.q : "");
  const page = Number(search.page);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t("window.title")} lead={t("window.lead")}>
        <p className="max-w-3xl text-sm text-slate-600">{staff("deadlineHint")}</p>
        <div className="mt-2 flex flex-wrap gap-2">
          <Link href="/window/key-in" className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
            {ti("title")}
          </Link>
          <Link
            href="/window/forwardings"
            className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            {tf("title")}
          </Link>
        </div>
      </PageHeader>
      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="sr-only">
          {t("window.queue")}
        </h2>
        {processed ? (
          <div className="flex flex-col gap-4">
            <WindowTabs current="processed" />
            <WindowProcessed
              data={await caller.applications.processed({
                q: q.success && q.data ? q.data : undefined,
                page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
              })}
              q={q.success && q.data ? q.data : undefined}
              searchError={q.success ? undefined : staff("searchTooLong")}
            />
          </div>
        ) : (
          <StaffAcceptanceQueue tab={tab} rows={await caller.applications.acceptanceQueue({ status: tab })} />
        )}
      </section>
    </div>
  );
}
