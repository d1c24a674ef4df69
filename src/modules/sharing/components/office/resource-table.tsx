import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import type { AppRouter } from "@/root/router";
import { OverdueBadge } from "./badges";
import { MarkUpdatedButton } from "./mark-updated-button";

export type ResourceRow = inferRouterOutputs<AppRouter>["sharing"]["resources"][number];

const cell = "px-3 py-2 align-top";
const head = "px-3 py-2 font-semibold whitespace-nowrap";

/**
 * The data-sharing catalog as a table: each resource's types, freshness and grants, with
 * "record an update" and, for the data office, a link to its editor (`editHref`).
 */
export async function ResourceTable({
  resources,
  caption,
  captionHidden = false,
  editHref,
  editing,
  empty,
}: {
  resources: ResourceRow[];
  /** What to say when there is no resource; the catalog's own words by default. */
  empty?: string;
  caption: string;
  /** When a heading right above already says what the caption would. */
  captionHidden?: boolean;
  editHref?: (code: string) => string;
  editing?: string;
}) {
  const [t, ts, locale, format] = await Promise.all([getTranslations("sharing.office"), getTranslations("sharing"), getLocale(), getFormatter()]);
  if (resources.length === 0) return <EmptyState title={empty ?? t("catalog.empty")} />;
  const en = locale === "en";
  // Overdue resources first: they are what the data office has to chase.
  const ordered = [...resources.filter((r) => r.overdue), ...resources.filter((r) => !r.overdue)];
  const day = (d: Date) => format.dateTime(d, { year: "numeric", month: "short", day: "numeric" });
  // Data items in words: the certificate type's own names, else as the certificate pages or the
  // data-sharing catalog name them; a data item none names (a province's own) keeps its code.
  const fieldName = (f: { key: string; nameZh: string | null; nameEn: string | null }) =>
    (en ? f.nameEn : f.nameZh) ??
    (ts.has(`holder.fields.${f.key}`)
      ? ts(`holder.fields.${f.key}`)
      : ts.has(`office.catalog.dataItems.${f.key}`)
        ? ts(`office.catalog.dataItems.${f.key}`)
        : f.key);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="resource-table">
        <caption className={captionHidden ? "sr-only" : "px-3 py-2 text-left font-semibold text-slate-900"}>{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${head} sticky left-0 z-10 bg-slate-50`}>
              {t("catalog.resource")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.provider")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.fields")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.shareType")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.openType")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.frequency")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.lastUpdate")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.nextDue")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.legalBasis")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.grants")}
            </th>
            <th scope="col" className={head}>
              {t("catalog.actions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((r) => {
            const name = en ? r.nameEn : r.nameZh;
            const current = r.code === editing;
            return (
              <tr
                key={r.code}
                data-resource={r.code}
                data-overdue={r.overdue ? "true" : undefined}
                aria-current={current ? "true" : undefined}
                className={`border-t border-slate-200 ${current ? "bg-brand-50" : r.overdue ? "bg-red-50" : ""}`}
              >
                {/* The resource stays in view while a phone scrolls the row sideways. */}
                <th
                  scope="row"
                  className={`${cell} sticky left-0 z-10 w-[11rem] min-w-[11rem] font-medium sm:w-auto sm:min-w-[14rem] ${current ? "bg-brand-50" : r.overdue ? "border-l-4 border-l-seal-600 bg-red-50" : "bg-white"}`}
                >
                  {name}
                  <span className="block font-mono text-xs font-normal break-all text-slate-600">{r.code}</span>
                </th>
                <td className={`${cell} min-w-[9rem]`}>{en ? r.provider.nameEn : r.provider.nameZh}</td>
                <td className={`${cell} min-w-[8rem]`}>
                  <ul className="flex flex-col">
                    {r.fields.map((f) => (
                      <li key={f.key}>{fieldName(f)}</li>
                    ))}
                  </ul>
                </td>
                <td className={`${cell} whitespace-nowrap`}>{t(`shareType.${r.shareType}`)}</td>
                <td className={`${cell} whitespace-nowrap`}>{t(`openType.${r.openType}`)}</td>
                <td className={`${cell} whitespace-nowrap`}>{t(`frequency.${r.updateFrequency}`)}</td>
                <td className={`${cell} whitespace-nowrap`}>{day(r.lastUpdatedAt)}</td>
                <td className={cell}>
                  {r.nextUpdateDue ? (
                    <span className="whitespace-nowrap">{day(r.nextUpdateDue)}</span>
                  ) : (
                    <span className="text-slate-700">{t("catalog.noDeadline")}</span>
                  )}
                  {r.overdue ? (
                    <span className="mt-1 block">
                      <OverdueBadge />
                    </span>
                  ) : null}
                </td>
                <td className={`${cell} min-w-[16rem]`}>{r.legalBasis}</td>
                <td className={`${cell} min-w-[8rem]`}>{t("catalog.grantCounts", { approved: r.grants.approved, requested: r.grants.requested })}</td>
                <td className={cell}>
                  <div className="flex flex-col items-start gap-2">
                    {editHref ? (
                      <Link href={editHref(r.code)} className="text-brand-700 underline underline-offset-2">
                        {current ? t("catalog.editing") : t("catalog.edit")}
                        <span className="sr-only"> {name}</span>
                      </Link>
                    ) : null}
                    <MarkUpdatedButton code={r.code} name={name} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
