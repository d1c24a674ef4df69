import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ItemSummary } from "@/modules/ratings/components/item-summary";
import { AnswerRectificationForm } from "@/modules/ratings/components/rectification-forms";
import { RectificationReply } from "@/modules/ratings/components/rectification-reply";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ratings.department"))("title") };
}

/** The department's rectification items (差评整改) and its ratings, without who rated. */
export default async function ReviewRectificationPage() {
  await requireRole(["reviewer"], "/review/rectification");
  const caller = await api();
  const [t, tl, tBack, locale, items, rated] = await Promise.all([
    getTranslations("ratings.department"),
    getTranslations("ratings"),
    getTranslations("landing"),
    getLocale(),
    caller.ratings.departmentItems(),
    caller.ratings.departmentRatings(),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/review" className="text-brand-700 underline">
          {tBack("review.title")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("intro")} />
      <section aria-labelledby="items-heading" className="flex flex-col gap-3">
        <h2 id="items-heading" className="text-xl font-semibold">
          {t("itemsTitle")}
        </h2>
        {items.length === 0 ? (
          <EmptyState title={t("empty")} />
        ) : (
          <ul className="flex flex-col gap-4" data-testid="rectification-items">
            {items.map((item) => (
              <li key={item.id} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
                <ItemSummary item={item} />
                {item.status === "open" ? (
                  <AnswerRectificationForm itemId={item.id} version={item.version} />
                ) : (
                  <RectificationReply item={item} reader="staff" />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="ratings-heading" className="flex flex-col gap-3">
        <h2 id="ratings-heading" className="text-xl font-semibold">
          {t("ratingsTitle")}
        </h2>
        <p className="text-slate-700">{t("ratingsIntro")}</p>
        {rated.length === 0 ? (
          <EmptyState title={t("noRatings")} />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="department-ratings">
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("ratedOn")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("rating")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("comment")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rated.map((r, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    <td className="px-3 py-2 whitespace-nowrap">{r.ratedOn}</td>
                    <td className="px-3 py-2">
                      {tl(`level.${r.level}`)}
                      {r.tags.length > 0 ? (
                        <span className="block text-slate-600">{r.tags.map((tag) => tl(`tag.${tag}`)).join(locale === "en" ? ", " : "、")}</span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 whitespace-pre-wrap">{r.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
