import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ItemSummary } from "@/modules/ratings/components/item-summary";
import { DecideAppealForm } from "@/modules/ratings/components/rectification-forms";
import { RectificationReply } from "@/modules/ratings/components/rectification-reply";
import type { OfficeItemView } from "@/modules/ratings/views";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";
import { DemoNotice } from "@/components/demo-notice";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ratings.office"))("title") };
}

/** The data office's watch on rectification (差评整改): every open item, every late one, and the appeals to decide. */
export default async function DataOfficeRectificationPage() {
  await requireRole(["dataOffice"], "/data-office/rectification");
  const caller = await api();
  const [t, tBack, locale, office] = await Promise.all([
    getTranslations("ratings.office"),
    getTranslations("review.templates"),
    getLocale(),
    caller.ratings.office(),
  ]);
  const department = (i: OfficeItemView) => (locale === "en" ? i.departmentEn : i.departmentZh);
  const list = (id: string, title: string, items: OfficeItemView[], decide: boolean) => (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-xl font-semibold">
        {title}
      </h2>
      {items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="flex flex-col gap-4" data-testid={`rectification-${id}`}>
          {items.map((item) => (
            <li key={item.id} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
              <ItemSummary item={item} department={department(item)} />
              {decide ? (
                <>
                  <RectificationReply item={item} reader="staff" />
                  <DecideAppealForm itemId={item.id} version={item.version} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/data-office" className="text-brand-700 underline">
          {tBack("back")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("intro")} />
      <DemoNotice show={await hasDemoHistory(await getDb())} />
      {list("appealed", t("appealed", { count: office.appealed.length }), office.appealed, true)}
      {list("late", t("late", { count: office.late.length }), office.late, false)}
      {list("open", t("open", { count: office.open.length }), office.open, false)}
    </div>
  );
}
