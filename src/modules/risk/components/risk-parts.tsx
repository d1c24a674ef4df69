import { getTranslations } from "next-intl/server";
import { shanghaiDate } from "@/lib/dates";
import type { RiskFactor } from "../schema";
import type { RiskSignalView } from "../views";

/** The class as a badge: D and C stand out, A and B stay quiet. */
export async function RiskClassBadge({ riskClass }: { riskClass: "A" | "B" | "C" | "D" }) {
  const t = await getTranslations("risk");
  const tone = { A: "bg-emerald-100 text-emerald-900", B: "bg-slate-100 text-slate-900", C: "bg-amber-100 text-amber-900", D: "bg-red-100 text-red-900" }[
    riskClass
  ];
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-sm font-semibold ${tone}`} data-testid="risk-class" data-class={riskClass}>
      {t(`class.${riskClass}`)}
    </span>
  );
}

/** One signal: its rule, whose, the explanation in words, and the evidence it saw. */
export async function RiskSignalItem({ signal, showSubject }: { signal: RiskSignalView; showSubject: boolean }) {
  const t = await getTranslations("risk");
  return (
    <li className="flex flex-col gap-1 rounded border border-slate-200 p-3" data-testid="risk-signal" data-rule={signal.rule}>
      <p className="font-semibold">
        {t(`rules.${signal.rule}.title`)}
        {showSubject ? (
          <span className="font-normal break-all text-slate-700">
            {" — "}
            {t("subjectLine", { name: signal.subjectName, code: signal.subjectCode })}
          </span>
        ) : null}
      </p>
      <p className="text-slate-800">{t(`rules.${signal.rule}.explanation`, signal.params)}</p>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 underline">{t("evidenceSummary", { count: signal.evidence.length })}</summary>
        <ul className="mt-1 list-disc pl-5" data-testid="risk-evidence">
          {signal.evidence.map((e) => (
            <li key={`${e.kind}:${e.ref}`} className="break-all">
              {t("evidenceLine", { kind: t(`evidence.${e.kind}`), label: e.label })}
              {e.ref !== e.label && e.kind !== "address" && e.kind !== "person" ? (
                <span className="font-mono text-slate-600">{t("paren", { text: e.ref })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </details>
      <p className="text-xs text-slate-600">
        {t("office.firstSeen", { date: shanghaiDate(signal.firstSeenAt) })} · {t("office.lastSeen", { date: shanghaiDate(signal.lastSeenAt) })}
      </p>
    </li>
  );
}

/** The factors of a class: factor, count, points and the records or signals behind them. */
export async function RiskFactorList({ factors }: { factors: RiskFactor[] }) {
  const t = await getTranslations("risk");
  if (factors.length === 0) return <p className="text-sm text-slate-700">{t("office.noFactors")}</p>;
  return (
    <ul className="flex flex-col gap-1 text-sm" data-testid="risk-factors">
      {factors.map((f) => (
        <li key={f.factor}>
          {t("factorLine", {
            factor: t(`factor.${f.factor}`),
            count: f.evidence.length,
            points: `${f.points > 0 ? "+" : ""}${t("points", { points: f.points })}`,
          })}
          {f.factor !== "signal" && f.detail ? <span className="text-slate-600">{t("paren", { text: f.detail })}</span> : null}
        </li>
      ))}
    </ul>
  );
}
