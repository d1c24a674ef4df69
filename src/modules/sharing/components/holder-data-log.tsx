import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/pagination";
import { EmptyState } from "@/components/empty-state";
import { translateMessage } from "@/lib/message";
import { isRegionCode, regions } from "@/lib/regions";
import type { listDataLog } from "../data-log";
import { QuestionForm } from "./holder-question-form";

export type DataLogPage = Awaited<ReturnType<typeof listDataLog>>;
type Entry = DataLogPage["entries"][number];

const staffRoles = new Set(["windowClerk", "reviewer", "dataOffice"]);

/** Who read, as the holder should see it: staff by role, the public, an agent, a registration's check, or the holder themself. */
function readerKind(e: Entry): "windowClerk" | "reviewer" | "dataOffice" | "public" | "self" | "agent" | "registration" | "peer" | "unknown" {
  if (e.readerRole === "peer") return "peer";
  if (e.purpose === "publicVerification") return "public";
  if (e.purpose === "identityVerification" && !e.readerRole) return "registration";
  // A person's agent reads for them under a mandate: named, never mistaken for the holder.
  if (e.readerRole === "citizen" && e.readerName) return "agent";
  if (e.readerRole === "enterprise" || e.readerRole === "citizen") return "self";
  if (e.readerRole && staffRoles.has(e.readerRole)) return e.readerRole as "windowClerk" | "reviewer" | "dataOffice";
  return "unknown";
}

/** The holder's data log (数据使用记录): one entry per read, with its pager and the own-reads switch. */
export async function DataLogList({ log, includeOwn }: { log: DataLogPage; includeOwn: boolean }) {
  const [t, tq, tAll, locale, format] = await Promise.all([
    getTranslations("sharing.holder.dataLog"),
    getTranslations("sharing.holder.question"),
    getTranslations(),
    getLocale(),
    getFormatter(),
  ]);
  const en = locale === "en";
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const translate = (encoded: string) =>
    translateMessage(
      Object.assign((key: string, params?: Record<string, string | number>) => tAll(key as never, params as never), {
        has: (key: string) => tAll.has(key as never),
      }),
      encoded,
    );
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const href = (page: number, own: boolean) => {
    const q = new URLSearchParams();
    if (own) q.set("own", "1");
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `/applicant/data-log?${s}` : "/applicant/data-log";
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-slate-700">
          <span className="font-medium" data-testid="data-log-total">
            {t("total", { total: log.total })}
          </span>
          <span className="ml-2 text-sm">{includeOwn ? t("ownShown") : t("ownHidden")}</span>
        </p>
        <Link
          href={href(1, !includeOwn)}
          className="self-start rounded border border-brand-700 px-3 py-1 text-sm text-brand-700 hover:bg-brand-50 sm:self-auto"
          data-testid="toggle-own"
        >
          {includeOwn ? t("hideOwn") : t("showOwn")}
        </Link>
      </div>

      {log.entries.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t("listLabel")} data-testid="data-log">
          {log.entries.map((e) => {
            const dataName = en ? e.dataNameEn : e.dataNameZh;
            const reader = t(`readers.${readerKind(e)}`);
            const peerRegion = e.peerRegion && isRegionCode(e.peerRegion) ? (en ? regions[e.peerRegion].nameEn : regions[e.peerRegion].nameZh) : e.peerRegion;
            // On the node that answered a peer, the reader is the other region's department (by its code).
            const department = (en ? e.departmentNameEn : e.departmentNameZh) ?? (e.peerDepartmentCode ? `${peerRegion} · ${e.peerDepartmentCode}` : null);
            const headingId = `log-${e.id}`;
            return (
              <li key={e.id} data-testid="data-log-entry" data-log-id={e.id} data-purpose={e.purpose} data-outcome={e.outcome}>
                <article
                  aria-labelledby={headingId}
                  className={`flex flex-col gap-3 rounded-lg border bg-white p-4 ${e.outcome === "refused" ? "border-l-4 border-seal-600" : "border-slate-200"}`}
                >
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                    <h2 id={headingId} className="text-base font-semibold text-slate-900">
                      {dataName} · {t(`purposes.${e.purpose}`)}
                    </h2>
                    <p className="text-sm text-slate-600">
                      <span className="sr-only">{t("when")} </span>
                      <time dateTime={e.at.toISOString()}>{when(e.at)}</time>
                    </p>
                  </div>
                  <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                    <dt className="text-slate-600">{t("who")}</dt>
                    <dd>{e.readerName ? t("readerWithName", { name: e.readerName, role: reader }) : reader}</dd>
                    <dt className="text-slate-600">{t("department")}</dt>
                    <dd>{department ?? t("noDepartment")}</dd>
                    <dt className="text-slate-600">{t("data")}</dt>
                    <dd>{dataName}</dd>
                    {peerRegion ? (
                      <>
                        <dt className="text-slate-600">{t("peerRegion")}</dt>
                        <dd data-testid="data-log-peer-region">{peerRegion}</dd>
                      </>
                    ) : null}
                    <dt className="text-slate-600">{t("application")}</dt>
                    <dd>
                      {e.application ? (
                        <>
                          <span className="font-mono">{e.application.trackingNumber}</span> {en ? e.application.titleEn : e.application.titleZh}
                        </>
                      ) : (
                        t("noApplication")
                      )}
                    </dd>
                    <dt className="text-slate-600">{t("purpose")}</dt>
                    <dd>{t(`purposes.${e.purpose}`)}</dd>
                    <dt className="text-slate-600">{t("legalBasis")}</dt>
                    <dd className="break-words">{e.legalBasis ?? t("noLegalBasis")}</dd>
                    <dt className="text-slate-600">{t("outcome")}</dt>
                    <dd data-testid="data-log-outcome" className={e.outcome === "allowed" ? "font-medium text-green-900" : "font-medium text-seal-600"}>
                      {e.outcome === "allowed" ? t("allowed") : t("refusedBecause", { reason: e.refusalReason ? translate(e.refusalReason) : "—" })}
                    </dd>
                  </dl>
                  {e.question ? (
                    <div className="rounded border border-slate-300 bg-slate-50 p-3 text-sm" data-testid="data-log-question">
                      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                        <dt className="text-slate-600">{tq("yours")}</dt>
                        <dd className="break-words whitespace-pre-line">{e.question.text}</dd>
                        <dt className="text-slate-600">{tq("askedAt")}</dt>
                        <dd>
                          <time dateTime={e.question.askedAt.toISOString()}>{when(e.question.askedAt)}</time>
                        </dd>
                        <dt className="text-slate-600">{tq("answer")}</dt>
                        {e.question.answer ? (
                          <dd className="break-words whitespace-pre-line" data-testid="question-answer">
                            {e.question.answer}
                            {e.question.answeredAt ? (
                              <span className="mt-1 block text-slate-600">
                                {tq("answeredAt")} <time dateTime={e.question.answeredAt.toISOString()}>{when(e.question.answeredAt)}</time>
                              </span>
                            ) : null}
                          </dd>
                        ) : (
                          <dd data-testid="question-awaiting" className="font-medium text-amber-900">
                            {tq("awaiting")}
                          </dd>
                        )}
                      </dl>
                    </div>
                  ) : (
                    <QuestionForm logId={e.id} context={tq("labelContext", { data: dataName, when: when(e.at) })} />
                  )}
                </article>
              </li>
            );
          })}
        </ol>
      )}

      <Pagination page={log.page} pages={pages} hrefFor={(p) => href(p, includeOwn)} label={t("pagination")} />
    </div>
  );
}

/** Anonymous public verifications of the holder's certificates, counted per certificate and day. */
export async function PublicVerificationCounts({ rows }: { rows: Array<{ day: string; count: number; dataNameZh: string; dataNameEn: string }> }) {
  const [t, locale] = await Promise.all([getTranslations("sharing.holder.dataLog.verifications"), getLocale()]);
  return (
    <section aria-labelledby="verifications-heading" className="flex flex-col gap-2">
      <h2 id="verifications-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("lead")}</p>
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm" data-testid="public-verifications">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="px-2 py-1">
                  {t("day")}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t("data")}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t("count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.day}-${r.dataNameZh}`} className="border-b border-slate-200">
                  <td className="px-2 py-1 font-mono">{r.day}</td>
                  <td className="px-2 py-1">{locale === "en" ? r.dataNameEn : r.dataNameZh}</td>
                  <td className="px-2 py-1 text-right" data-testid="verification-count">
                    {r.count}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
