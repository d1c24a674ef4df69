import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import type { AppRouter } from "@/root/router";

type Processed = inferRouterOutputs<AppRouter>["applications"]["processed"];

function processedHref(q: string | undefined, page: number): string {
  const params = new URLSearchParams({ status: "processed" });
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  return `/window?${params.toString()}`;
}

/**
 * The window's processed cases (已处理): what it accepted, returned for completion or refused, the
 * latest first, with a search (a plain GET form) and paging; each row leads to the case and its 收件回执.
 */
export async function WindowProcessed({ data, q, searchError }: { data: Processed; q: string | undefined; searchError?: string }) {
  const [t, kind, locale, format] = await Promise.all([
    getTranslations("applications.staff.processed"),
    getTranslations("applications.staff.applicantKind"),
    getLocale(),
    getFormatter(),
  ]);
  const en = locale === "en";
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const hasNext = data.page * data.pageSize < data.total;
  return (
    <div className="flex flex-col gap-4">
      <form method="get" action="/window" className="rounded-lg border border-slate-200 bg-white p-4" role="search">
        <input type="hidden" name="status" value="processed" />
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex w-full flex-col gap-1 sm:w-96">
            <label htmlFor="processed-search" className="font-medium text-slate-800">
              {t("search")}
            </label>
            <input
              id="processed-search"
              type="search"
              name="q"
              defaultValue={q ?? ""}
              maxLength={64}
              autoComplete="off"
              aria-invalid={searchError ? true : undefined}
              aria-describedby={searchError ? "processed-search-hint processed-search-error" : "processed-search-hint"}
              className="rounded border border-slate-400 bg-white px-3 py-2"
            />
            <p id="processed-search-hint" className="text-sm text-slate-600">
              {t("searchHint")}
            </p>
            {searchError ? (
              <p id="processed-search-error" className="text-sm font-medium text-seal-600" data-testid="processed-search-error">
                {searchError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("searchButton")}
          </button>
          {q ? (
            <Link href="/window?status=processed" className="py-2 text-brand-700 underline">
              {t("clear")}
            </Link>
          ) : null}
        </div>
      </form>
      {data.rows.length === 0 ? (
        <EmptyState title={q ? t("emptySearch") : t("empty")} />
      ) : (
        <div className="flex flex-col gap-2">
          <p id="processed-caption" className="text-slate-700">
            {data.totalCapped
              ? q
                ? t("captionSearchMore", { q, total: data.total })
                : t("captionMore", { total: data.total })
              : q
                ? t("captionSearch", { q, total: data.total })
                : t("caption", { total: data.total })}
          </p>
          <div role="region" aria-labelledby="processed-caption" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table aria-labelledby="processed-caption" className="w-full min-w-[52rem] border-collapse text-left" data-testid="processed-queue">
              <thead className="bg-slate-100 text-sm text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("trackingNumber")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("title")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("applicant")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("outcome")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("at")}
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    {t("receipt")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-200 align-top" data-testid={`processed-row-${r.trackingNumber ?? r.id}`}>
                    <th scope="row" className="px-4 py-3 font-normal">
                      <Link href={`/window/${r.id}`} className="font-mono font-medium text-brand-700 underline hover:text-brand-800">
                        {r.trackingNumber ?? "—"}
                      </Link>
                    </th>
                    <td className="px-4 py-3">{en ? r.titleEn : r.titleZh}</td>
                    <td className="px-4 py-3">
                      <span className="block">{r.applicantName}</span>
                      <span className="text-sm text-slate-600">{kind(r.applicantKind)}</span>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">
                      <span
                        className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${
                          r.outcome === "refused"
                            ? "border-seal-600 text-seal-600"
                            : r.outcome === "returned"
                              ? "border-amber-600 text-amber-900"
                              : "border-green-700 text-green-900"
                        }`}
                      >
                        {t(`outcomes.${r.outcome}`)}
                      </span>
                    </td>
                    <td className="whitespace-nowrap px-4 py-3">{when(r.at)}</td>
                    <td className="px-4 py-3">
                      <Link href={`/window/${r.id}/receipt`} className="text-brand-700 underline hover:text-brand-800">
                        {t("receiptLink")}
                        <span className="sr-only"> {r.trackingNumber ?? ""}</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {data.page > 1 || hasNext ? (
        <nav aria-label={t("pagination")} className="flex flex-wrap items-center gap-4">
          {data.page > 1 ? (
            <Link href={processedHref(q, data.page - 1)} rel="prev" className="text-brand-700 underline">
              {t("previous")}
            </Link>
          ) : null}
          <span aria-current="page">{t("page", { page: data.page, pages: Math.max(1, Math.ceil(data.total / data.pageSize)) })}</span>
          {hasNext ? (
            <Link href={processedHref(q, data.page + 1)} rel="next" className="text-brand-700 underline">
              {t("next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
