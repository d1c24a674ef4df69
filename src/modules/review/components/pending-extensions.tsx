import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import { api } from "@/trpc/server";

/** For the head of a department: the extension requests to decide, each leading to its task. Nothing for other reviewers. */
export async function PendingExtensions() {
  const pending = await (await api()).review.clocks.pendingExtensions();
  if (!pending) return null;
  const [t, locale] = await Promise.all([getTranslations("review.clocks.pending"), getLocale()]);
  return (
    <Card>
      <h2 className="text-lg font-semibold" id="pending-extensions-heading">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("lead")}</p>
      {pending.length === 0 ? (
        <p className="mt-2 text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-2" aria-labelledby="pending-extensions-heading" data-testid="pending-extensions">
          {pending.map((p) => (
            <li key={p.id} className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:gap-3">
              <span>
                {t("line", {
                  trackingNumber: p.trackingNumber ?? "",
                  title: locale === "en" ? p.titleEn : p.titleZh,
                  days: p.days,
                  name: p.requestedByName ?? "—",
                  reason: p.reason,
                })}
              </span>
              <Link href={`/review/tasks/${p.taskId}`} className="font-medium text-brand-700 underline">
                {t("open")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
