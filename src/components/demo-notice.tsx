import { getTranslations } from "next-intl/server";

/**
 * Says that the figures on a page include generated demo history (`npm run demo:history`). The
 * page decides whether to show it (`hasDemoHistory(db)` from the applications module); the notice
 * itself reads nothing, so any page, module component or chart may render it.
 */
export async function DemoNotice({ show = true, compact = false }: { show?: boolean; compact?: boolean }) {
  if (!show) return null;
  const t = await getTranslations("layout.demoNotice");
  return (
    <p
      role="note"
      data-testid="demo-notice"
      className={`rounded border border-amber-300 bg-amber-50 text-amber-900 ${compact ? "px-2 py-1 text-sm" : "px-4 py-3"}`}
    >
      <strong className="font-semibold">{t("title")}</strong>
      {compact ? null : <span>{t("detail")}</span>}
    </p>
  );
}
