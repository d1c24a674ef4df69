import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/pagination";
import { EmptyState } from "@/components/empty-state";
import { resolveLocale } from "@/i18n/locales";
import type { NotificationPage } from "../list-notifications";
import { renderNotification } from "../render";
import { InboxLink, MarkAllReadButton, MarkReadButton } from "./inbox-actions";

/** One page of the reader's inbox, newest first, with its pager. */
export async function InboxList({ page }: { page: NotificationPage }) {
  const [t, locale, format] = await Promise.all([getTranslations("notifications.inbox"), getLocale(), getFormatter()]);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const openLabel = (href: string) => (href === "/review" ? t("openReview") : href === "/window" ? t("openWindow") : t("openApplication"));

  if (page.total === 0) return <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-700" data-testid="inbox-unread">
          {t("unreadCount", { count: page.unread })}
        </p>
        {page.unread > 0 ? <MarkAllReadButton /> : null}
      </div>
      <ul className="flex flex-col gap-3" aria-label={t("listLabel")} data-testid="inbox">
        {page.items.map((item) => {
          const { title, body } = renderNotification(resolveLocale(locale), item.kind, item.params);
          const unread = item.readAt === null;
          return (
            <li
              key={item.id}
              className={`rounded-lg border bg-white p-4 ${unread ? "border-brand-600 border-l-4" : "border-slate-200"}`}
              data-unread={unread ? "true" : "false"}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <h2 className={`text-base ${unread ? "font-bold text-slate-900" : "font-medium text-slate-800"}`}>
                  {unread ? (
                    <span className="mr-2 inline-block rounded bg-brand-700 px-1.5 py-0.5 align-middle text-xs font-medium text-white">{t("unread")}</span>
                  ) : null}
                  {title}
                </h2>
                <p className="text-sm text-slate-600">
                  <span className="sr-only">{t("received")} </span>
                  <time dateTime={item.createdAt.toISOString()}>{format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                </p>
              </div>
              {body ? <p className="mt-2 break-words text-slate-800">{body}</p> : null}
              {item.href || unread ? (
                <div className="mt-3 flex flex-wrap items-center gap-2">
                  {item.href ? (
                    <InboxLink id={item.id} href={item.href} unread={unread} label={t("openItem", { action: openLabel(item.href), title })}>
                      {openLabel(item.href)}
                    </InboxLink>
                  ) : null}
                  {unread ? <MarkReadButton id={item.id} itemTitle={title} /> : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Pagination page={page.page} pages={pages} hrefFor={(p) => `/inbox?page=${p}`} label={t("pagination")} />
    </div>
  );
}
