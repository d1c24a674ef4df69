import Link from "next/link";
import type { ReactNode } from "react";

/** One figure: a label, a big number and a line under it; a link when the figure has a list behind it. */
export function Figure({
  label,
  value,
  sub,
  href,
  testId,
  tone = "plain",
}: {
  label: string;
  value: number;
  sub?: ReactNode;
  href?: string;
  testId: string;
  tone?: "plain" | "alert";
}) {
  const body = (
    <>
      <span className="text-sm text-slate-700">{label}</span>
      <span className={`text-3xl font-bold tabular-nums ${tone === "alert" && value > 0 ? "text-red-800" : "text-slate-900"}`} data-testid={`${testId}-value`}>
        {value}
      </span>
      {sub ? <span className="text-sm text-slate-700">{sub}</span> : null}
    </>
  );
  const box = "flex min-w-0 flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return href ? (
    <Link href={href} className={`${box} hover:border-brand-700 hover:bg-brand-50`} data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div className={box} data-testid={testId}>
      {body}
    </div>
  );
}
