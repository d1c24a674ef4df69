import { getTranslations } from "next-intl/server";

/**
 * "暂定 / provisional" beside a due date that rests on a year the State Council has not published:
 * the explanation is the tooltip, and is also read out by screen readers (a tooltip alone is not).
 */
export async function ProvisionalBadge() {
  const t = await getTranslations("calendar.provisional");
  const explanation = t("explanation");
  return (
    <span
      className="inline-block rounded border border-amber-600 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900"
      title={explanation}
      data-testid="due-provisional"
    >
      {t("badge")}
      <span className="sr-only">（{explanation}）</span>
    </span>
  );
}
