import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { isRegionCode, regions } from "@/lib/regions";
import type { ProviderHealthView, ProviderState } from "../../sharing/providers";
import { downReasons } from "../model";

const stateStyle: Record<ProviderState, string> = {
  healthy: "border-green-700 bg-green-50 text-green-900",
  degraded: "border-amber-700 bg-amber-50 text-amber-950",
  down: "border-seal-600 bg-red-50 text-seal-600",
  idle: "border-slate-400 bg-slate-50 text-slate-800",
};

/** Each certificate provider's health, one card each (readable at phone width). */
export async function ProviderHealthList({ providers }: { providers: ProviderHealthView[] }) {
  const [t, td, locale, format] = await Promise.all([getTranslations("exchange.providers"), getTranslations("exchange"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const name = (p: ProviderHealthView) => {
    const [kind, code = ""] = p.provider.split(":");
    if (kind === "local") return t("localName");
    if (kind === "peer") return t("peerName", { region: isRegionCode(code) ? (en ? regions[code].nameEn : regions[code].nameZh) : code });
    return t("departmentName", { code });
  };
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "medium", timeZone: "Asia/Shanghai" }) : t("never"));
  const reason = (r: string | null) => {
    if (!r) return "";
    const [head, detail] = r.split(":");
    if (head === "refused") return t("refusedReason", { code: detail ?? "" });
    if (head === "keysUnavailable") return t("keysUnavailable");
    return (downReasons as readonly string[]).includes(head ?? "") ? td(`down.${head as (typeof downReasons)[number]}`) : r;
  };
  const ms = (v: number | null) => (v === null ? t("never") : t("ms", { ms: v }));
  return (
    <ul className="flex flex-col gap-4" aria-label={t("tableCaption")} data-testid="provider-health">
      {providers.map((p) => (
        <li key={p.provider} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-provider={p.provider} data-state={p.state}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">{name(p)}</h2>
            <span className={`rounded border px-2 py-0.5 text-sm font-semibold ${stateStyle[p.state]}`} data-testid="provider-state">
              {t(`states.${p.state}`)}
            </span>
          </div>
          <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-600">{t("kind")}</dt>
            <dd>{t(`kinds.${p.kind}`)}</dd>
            <dt className="text-slate-600">{t("lastSuccess")}</dt>
            <dd>{when(p.lastSuccessAt)}</dd>
            <dt className="text-slate-600">{t("lastFailure")}</dt>
            <dd>
              {when(p.lastFailureAt)}
              {p.lastFailureReason ? <span className="block text-slate-700">{reason(p.lastFailureReason)}</span> : null}
            </dd>
            <dt className="text-slate-600">{t("windowCalls")}</dt>
            <dd>{p.windowCalls}</dd>
            <dt className="text-slate-600">{t("errorRate")}</dt>
            <dd data-testid="provider-error-rate">
              {p.errorRate === null ? t("never") : format.number(p.errorRate, { style: "percent", maximumFractionDigits: 1 })}
            </dd>
            <dt className="text-slate-600">{t("p50")}</dt>
            <dd>{ms(p.p50Ms)}</dd>
            <dt className="text-slate-600">{t("p95")}</dt>
            <dd>{ms(p.p95Ms)}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
