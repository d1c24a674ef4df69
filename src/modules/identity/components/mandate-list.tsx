import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { MandateView } from "../list-mandates";
import type { ServiceOption } from "./grant-mandate-form";
import { RevokeMandateButton } from "./revoke-mandate-button";

const statusClass: Record<MandateView["status"], string> = {
  active: "border-green-700 text-green-900 bg-green-50",
  pending: "border-brand-700 text-brand-800 bg-brand-50",
  expired: "border-slate-500 text-slate-700 bg-slate-100",
  revoked: "border-seal-600 text-seal-600 bg-red-50",
};

/** Mandates as a list of cards: who, for whom, what scope, from when to when, and their state. */
export async function MandateList({
  mandates,
  services,
  show,
  holderView = false,
  testId,
}: {
  mandates: MandateView[];
  services: ServiceOption[];
  show: "agent" | "principal";
  holderView?: boolean;
  testId: string;
}) {
  const [t, locale, format] = await Promise.all([getTranslations("identity.mandates"), getLocale(), getFormatter()]);
  const serviceName = (code: string) => {
    const s = services.find((x) => x.code === code);
    return s ? (locale === "en" ? s.nameEn : s.nameZh) : code;
  };
  if (mandates.length === 0) return <p className="text-slate-600">{t("none")}</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid={testId}>
      {mandates.map((m) => (
        <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="mandate">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="font-semibold">
              {show === "agent" ? `${m.agentName}（${m.agentIdNumberMasked}）` : `${m.principalName}${m.principalCode ? `（${m.principalCode}）` : ""}`}
              {m.administrator ? <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-sm text-brand-800">{t("administrator")}</span> : null}
            </p>
            <span className={`rounded border px-2 py-0.5 text-sm ${statusClass[m.status]}`} data-testid="mandate-status">
              {t(`status.${m.status}`)}
            </span>
          </div>
          <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">{t("scope")}</dt>
            <dd>{m.scope === "services" ? `${t("scopes.services")}：${m.serviceCodes.map(serviceName).join("、")}` : t(`scopes.${m.scope}`)}</dd>
            {m.relationship ? (
              <>
                <dt className="text-slate-600">{t("relationship")}</dt>
                <dd>{t(`relationships.${m.relationship}`)}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">{t("period")}</dt>
            <dd>{t("periodValue", { from: m.startsOn, to: m.endsOn })}</dd>
            <dt className="text-slate-600">{t("grantedBy")}</dt>
            <dd>{t("grantedByValue", { name: m.grantedByName, at: format.dateTime(m.grantedAt, { dateStyle: "medium", timeStyle: "short" }) })}</dd>
            {m.revokedAt ? (
              <>
                <dt className="text-slate-600">{t("revokedAt")}</dt>
                <dd>{format.dateTime(m.revokedAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
              </>
            ) : null}
          </dl>
          {m.revocable ? (
            <div className="mt-3">
              <RevokeMandateButton mandateId={m.id} agentName={show === "agent" ? m.agentName : m.principalName} holderGivesUp={holderView} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
