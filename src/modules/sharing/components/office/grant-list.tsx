import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import type { AppRouter } from "@/root/router";
import { grantAnswerWorkingDays } from "../../model";
import { GrantStatusBadge, LateAnswerBadge } from "./badges";
import { GrantActions } from "./grant-actions";

export type GrantRow = inferRouterOutputs<AppRouter>["sharing"]["grants"][number];

/** A service code with its name where the catalog knows it. */
export type ServiceNames = Record<string, { nameZh: string; nameEn: string }>;

/**
 * Grants as cards: resource, provider, consumer, services, purpose, status and dates. The data
 * office may revoke approved grants; the provider (`viewer: "provider"`) also decides requests.
 * One list whatever the status (requests come first), so a card keeps its place when decided.
 */
export async function GrantList({
  grants,
  viewer,
  services,
  empty,
}: {
  grants: GrantRow[];
  viewer: "dataOffice" | "provider";
  services: ServiceNames;
  empty: string;
}) {
  const [t, locale, format] = await Promise.all([getTranslations("sharing.office"), getLocale(), getFormatter()]);
  if (grants.length === 0) return <EmptyState title={empty} />;
  const en = locale === "en";
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  // A day in China ('YYYY-MM-DD') as a date, formatted at noon UTC so no time zone moves it.
  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const list = (items: string[]) => items.join(en ? ", " : "、");
  return (
    <ul className="flex flex-col gap-4" data-testid="grant-list">
      {grants.map((g) => {
        const resource = en ? g.resource.nameEn : g.resource.nameZh;
        const consumer = en ? g.consumer.nameEn : g.consumer.nameZh;
        const heading = t("grants.heading", { resource, consumer });
        const headingId = `grant-${g.id}-heading`;
        const serviceNames = g.serviceCodes.map((c) => {
          const s = services[c];
          return s ? (en ? `${s.nameEn} (${c})` : `${s.nameZh}（${c}）`) : c;
        });
        const rows: Array<[string, string]> = [
          [t("grants.provider"), en ? g.provider.nameEn : g.provider.nameZh],
          [t("catalog.shareType"), t(`shareType.${g.resource.shareType}`)],
          [t("grants.services"), list(serviceNames)],
          [t("grants.purpose"), g.purpose],
          [t("grants.requestedAt"), when(g.requestedAt)],
        ];
        // Seeded grants have no requester: they follow from the service catalog.
        if (g.requesterName) rows.push([t("grants.requester"), g.requesterName]);
        if (g.answerDueOn) rows.push([t("grants.answerDueOn"), t("grants.answerDueOnValue", { day: day(g.answerDueOn), days: grantAnswerWorkingDays })]);
        if (g.answeredOn) rows.push([t("grants.answeredOn"), day(g.answeredOn)]);
        if (g.decidedAt) rows.push([t("grants.decidedAt"), when(g.decidedAt)]);
        if (g.decisionReason) rows.push([t("grants.decisionReason"), g.decisionReason]);
        return (
          <li
            key={g.id}
            aria-labelledby={headingId}
            data-grant={`${g.resource.code}|${g.consumer.code}`}
            data-status={g.status}
            data-late={g.late ? "true" : undefined}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
              <h3 id={headingId} className="min-w-0 text-lg font-semibold break-words">
                {heading}
              </h3>
              <span className="flex flex-wrap gap-2">
                {g.late ? <LateAnswerBadge answered={g.answeredOn !== null} /> : null}
                <GrantStatusBadge status={g.status} />
              </span>
            </div>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              {rows.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-medium text-slate-700">{k}</dt>
                  <dd className="mb-2 break-words text-slate-900 sm:mb-0">{v}</dd>
                </div>
              ))}
            </dl>
            {/* Always in place, so the outcome of an action stays on screen when the page refreshes. */}
            <GrantActions grantId={g.id} version={g.version} status={g.status} viewer={viewer} name={heading} />
          </li>
        );
      })}
    </ul>
  );
}
