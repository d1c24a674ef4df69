import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { PendingExtensions } from "@/modules/review/components/pending-extensions";
import { DepartmentDashboard } from "@/modules/review/components/department-dashboard";
import { queueStatuses, TaskQueue, type QueueFilter } from "@/modules/review/components/task-queue";
import { queueBuckets, ZQueueSearch } from "@/modules/review/inputs";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("landing"))("review.title") };
}

type Search = Promise<{
  done?: string | string[];
  status?: string | string[];
  overdue?: string | string[];
  bucket?: string | string[];
  q?: string | string[];
  page?: string | string[];
}>;

export default async function ReviewQueuePage({ searchParams }: { searchParams: Search }) {
  const actor = await requireRole(["reviewer"], "/review");
  const search = await searchParams;
  // Filters come from the URL; anything unknown falls back to the default view.
  const page = Number(search.page);
  // The search is parsed by the procedure's own schema: a refused one is said on the field.
  const q = ZQueueSearch.safeParse(typeof search.q === "string" ? search.q : "");
  const filter: QueueFilter = {
    status: queueStatuses.find((s) => s === search.status) ?? "pending",
    overdueOnly: search.overdue === "1",
    bucket: queueBuckets.find((b) => b === search.bucket),
    q: q.success && q.data ? q.data : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
  const caller = await api();
  const tcr = await getTranslations("credit.department");
  const tcv = await getTranslations("commitments.page");
  const tin = await getTranslations("inspections.mine");
  const [t, ts, tp, tq, tops, tr, locale, profile, queue, keepsRegister, counts] = await Promise.all([
    getTranslations("landing"),
    getTranslations("sharing.office.nav"),
    getTranslations("sharing.population"),
    getTranslations("review.queue"),
    getTranslations("review.ops.substitutes"),
    getTranslations("ratings.department"),
    getLocale(),
    caller.identity.me(),
    caller.review.queue(filter),
    caller.sharing.keepsPopulationRegister(),
    caller.review.dashboard(),
  ]);
  const department = profile.department ? (locale === "en" ? profile.department.nameEn : profile.department.nameZh) : "";
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t("review.title")} lead={t("review.lead", { department })}>
        <div className="flex flex-wrap gap-3">
          <Link
            href="/review/data-sharing"
            className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            {ts("review")}
          </Link>
          {actor.departmentHead === true ? (
            <Link
              href="/review/substitutes"
              className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
            >
              {tops("link")}
            </Link>
          ) : null}
          <Link
            href="/review/rectification"
            className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            {tr("title")}
          </Link>
          <Link href="/review/credit" className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
            {tcr("title")}
          </Link>
          <Link
            href="/review/verifications"
            className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            {tcv("title")}
          </Link>
          <Link
            href="/review/inspections"
            className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            {tin("title")}
          </Link>
          {keepsRegister ? (
            <Link
              href="/review/population"
              className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
            >
              {tp("title")}
            </Link>
          ) : null}
        </div>
      </PageHeader>
      {search.done === "1" ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 font-medium text-green-900" data-testid="queue-empty-next">
          {tq("queueEmpty")}
        </p>
      ) : null}
      <DepartmentDashboard counts={counts} current={filter.bucket} />
      <PendingExtensions />
      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="text-xl font-semibold">
          {t("review.queue", { department })}
        </h2>
        <TaskQueue
          rows={queue.rows}
          total={queue.total}
          totalCapped={queue.totalCapped}
          filter={filter}
          department={department}
          searchError={q.success ? undefined : tq("searchTooLong")}
        />
      </section>
    </div>
  );
}
