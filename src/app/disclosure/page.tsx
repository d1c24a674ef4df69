import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { translateMessage } from "@/lib/message";
import { ZDisclosureSearch, type DisclosureSearch } from "@/modules/disclosure/inputs";
import { disclosedPenalties } from "@/modules/disclosure/penalties";
import { searchDisclosures } from "@/modules/disclosure/search-disclosures";
import { listDepartments } from "@/modules/identity/list-departments";
import { getDb } from "@/server/db";
import { DemoNotice } from "@/components/demo-notice";
import { hasDemoHistory } from "@/modules/applications/demo-data";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("disclosure.page"))("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;
const fields = ["q", "code", "department", "from", "to", "page"] as const;

/** The public search of published licensing decisions (双公示); works without script (a GET form). */
export default async function DisclosurePage({ searchParams }: { searchParams: Search }) {
  const raw = await searchParams;
  const given = Object.fromEntries(fields.map((f) => [f, typeof raw[f] === "string" ? raw[f] : undefined]));
  const parsed = ZDisclosureSearch.safeParse(given);
  const search: DisclosureSearch = parsed.success ? parsed.data : { page: 1, pageSize: 20 };
  const problems = new Map(parsed.success ? [] : parsed.error.issues.map((i) => [String(i.path[0] ?? "_"), i.message]));
  const db = await getDb();
  const [tp, tc, penalties] = await Promise.all([getTranslations("credit.disclosure"), getTranslations("credit"), disclosedPenalties(db)]);
  const [t, tAll, locale, result, departments] = await Promise.all([
    getTranslations("disclosure.page"),
    getTranslations(),
    getLocale(),
    // A malformed search shows its errors and no results (not everything).
    parsed.success ? searchDisclosures(db, search) : Promise.resolve({ rows: [], total: 0, totalCapped: false, page: 1, pageSize: 20 }),
    listDepartments(db),
  ]);
  const en = locale === "en";
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const f of ["q", "code", "department", "from", "to"] as const) {
      const v = search[f];
      if (v) q.set(f, v);
    }
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q.toString();
  };
  const href = (page: number) => {
    const s = query(page > 1 ? { page: String(page) } : {});
    return s ? `/disclosure?${s}` : "/disclosure";
  };
  const input = "w-full rounded border border-slate-400 px-3 py-2";
  const field = (name: (typeof fields)[number], label: string, control: React.ReactNode) => {
    const problem = problems.get(name);
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={`disclosure-${name}`} className="font-medium">
          {label}
        </label>
        {control}
        {problem ? (
          <p id={`disclosure-${name}-error`} className="text-sm text-red-800">
            {translateMessage(tAll, problem)}
          </p>
        ) : null}
      </div>
    );
  };
  const aria = (name: string) => (problems.has(name) ? { "aria-invalid": true, "aria-describedby": `disclosure-${name}-error` } : {});

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <DemoNotice show={await hasDemoHistory(db)} />

      <form
        method="get"
        action="/disclosure"
        aria-label={t("search")}
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-3"
      >
        {field("q", t("q"), <input id="disclosure-q" name="q" defaultValue={given.q ?? ""} maxLength={100} className={input} {...aria("q")} />)}
        {field(
          "code",
          t("code"),
          <input
            id="disclosure-code"
            name="code"
            defaultValue={given.code ?? ""}
            maxLength={40}
            autoCapitalize="characters"
            spellCheck={false}
            className={`${input} font-mono`}
            {...aria("code")}
          />,
        )}
        {field(
          "department",
          t("department"),
          <select id="disclosure-department" name="department" defaultValue={given.department ?? ""} className={input} {...aria("department")}>
            <option value="">{t("anyDepartment")}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {en ? d.nameEn : d.nameZh}
              </option>
            ))}
          </select>,
        )}
        {field("from", t("from"), <input id="disclosure-from" name="from" type="date" defaultValue={given.from ?? ""} className={input} {...aria("from")} />)}
        {field("to", t("to"), <input id="disclosure-to" name="to" type="date" defaultValue={given.to ?? ""} className={input} {...aria("to")} />)}
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
            {t("submit")}
          </button>
          <Link href="/disclosure" className="px-2 py-2 text-brand-700 underline underline-offset-2">
            {t("reset")}
          </Link>
        </div>
      </form>

      {problems.size > 0 ? (
        <div role="alert" data-testid="disclosure-error" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {t("errorTitle")}
        </div>
      ) : (
        <p role="status" className="text-slate-700" data-testid="disclosure-count">
          {result.total === 0 ? t("none") : result.totalCapped ? t("foundMore", { count: result.total }) : t("found", { count: result.total })}
        </p>
      )}

      {result.rows.length === 0 ? (
        problems.size > 0 ? null : (
          <EmptyState title={t("none")} />
        )
      ) : (
        <ol className="flex flex-col gap-4" data-testid="disclosure-records">
          {result.rows.map((r) => (
            <li key={`${r.decisionNumber}-${r.licenceNumber ?? ""}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <article aria-label={`${r.counterpartName} ${r.decisionNumber}`} className="flex flex-col gap-3">
                <header className="flex flex-wrap items-center gap-2">
                  <span
                    className={`rounded px-2 py-0.5 text-sm font-medium ${r.kind === "approval" ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}
                  >
                    {t(`kind.${r.kind as "approval" | "denial"}`)}
                  </span>
                  {r.status === "revoked" ? (
                    <span className="rounded bg-red-100 px-2 py-0.5 text-sm font-medium text-red-900">
                      {t("status.revoked")} · {t("revokedOn", { date: r.revokedOn ?? "" })}
                    </span>
                  ) : null}
                  <h2 className="text-lg font-semibold">{r.counterpartName}</h2>
                  {r.counterpartCode ? <span className="font-mono text-sm text-slate-700">{r.counterpartCode}</span> : null}
                </header>
                <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="font-medium text-slate-700">{t("table.content")}</dt>
                  <dd>{en ? r.contentEn : r.contentZh}</dd>
                  <dt className="font-medium text-slate-700">{t("table.licence")}</dt>
                  <dd>{r.licenceNumber ? `${en ? r.licenceTypeEn : r.licenceTypeZh} · ${r.licenceNumber}` : t("noLicence")}</dd>
                  <dt className="font-medium text-slate-700">{t("table.decisionNumber")}</dt>
                  <dd className="break-all font-mono">{r.decisionNumber}</dd>
                  <dt className="font-medium text-slate-700">{t("table.decidedOn")}</dt>
                  <dd>{r.decidedOn}</dd>
                  {r.validFrom ? (
                    <>
                      <dt className="font-medium text-slate-700">{t("table.validity")}</dt>
                      <dd>{r.validUntil ? t("validityRange", { from: r.validFrom, to: r.validUntil }) : t("validityOpen", { from: r.validFrom })}</dd>
                    </>
                  ) : null}
                  <dt className="font-medium text-slate-700">{t("table.department")}</dt>
                  <dd>{en ? r.departmentEn : r.departmentZh}</dd>
                  <dt className="font-medium text-slate-700">{t("table.legalBasis")}</dt>
                  <dd>{r.legalBasis}</dd>
                  <dt className="font-medium text-slate-700">{t("table.publishedOn")}</dt>
                  <dd>{r.publishedOn}</dd>
                </dl>
              </article>
            </li>
          ))}
        </ol>
      )}

      <Pagination page={result.page} pages={pages} hrefFor={href} label={t("pagination")} />

      {problems.size === 0 ? (
        <p className="text-sm text-slate-700">
          {t("download")}{" "}
          <a href={`/api/open/disclosures.json?${query({ page: String(result.page) })}`} className="text-brand-700 underline underline-offset-2">
            {t("json")}
          </a>{" "}
          ·{" "}
          <a href={`/api/open/disclosures.csv?${query({ page: String(result.page) })}`} className="text-brand-700 underline underline-offset-2">
            {t("csv")}
          </a>
        </p>
      ) : null}

      <section aria-labelledby="penalties-heading" className="flex flex-col gap-3" data-testid="disclosed-penalties">
        <h2 id="penalties-heading" className="text-xl font-semibold">
          {tp("title")}
        </h2>
        <p className="text-slate-700">{tp("intro")}</p>
        {penalties.length === 0 ? (
          <EmptyState title={tp("empty")} />
        ) : (
          <ul className="flex flex-col gap-3">
            {penalties.map((p, i) => (
              <li key={i} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-semibold">
                  {p.title} · {p.documentNumber ?? ""}
                </p>
                <p className="whitespace-pre-wrap">{p.content}</p>
                <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="font-medium text-slate-700">{tp("subject")}</dt>
                  <dd>
                    {p.subjectName} ·{" "}
                    <Link href={`/credit/${p.creditCode}`} className="font-mono text-brand-700 underline underline-offset-2">
                      {p.creditCode}
                    </Link>
                  </dd>
                  <dt className="font-medium text-slate-700">{t("table.department")}</dt>
                  <dd>{en ? p.departmentEn : p.departmentZh}</dd>
                  <dt className="font-medium text-slate-700">{t("table.legalBasis")}</dt>
                  <dd>{p.legalBasis}</dd>
                  <dt className="font-medium text-slate-700">{tc("fields.decidedOn")}</dt>
                  <dd>{p.decidedOn}</dd>
                  <dt className="font-medium text-slate-700">{tc("fields.published")}</dt>
                  <dd>{p.publishedUntil ? tc("public.publishedUntil", { date: p.publishedUntil }) : tc("public.noEnd")}</dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
