import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * Previous / "page x of y" / next, as plain links (works without script); nothing when there is
 * one page. `label` names what is paged, for screen readers.
 */
export async function Pagination({ page, pages, hrefFor, label }: { page: number; pages: number; hrefFor: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  const t = await getTranslations("layout.pagination");
  const link = "rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50";
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" className={link}>
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-700" aria-current="page">
        {t("pageOf", { page, pages })}
      </span>
      {page < pages ? (
        <Link href={hrefFor(page + 1)} rel="next" className={link}>
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
