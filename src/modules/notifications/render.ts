import { createTranslator } from "next-intl";
import type { Locale } from "@/i18n/locales";
import en from "./messages.en.json";
import zhCN from "./messages.zh-CN.json";
import { isNotificationKind } from "./model";

const messages = { "zh-CN": zhCN, en } as const;

/**
 * An inbox item or email in one language. Used by the dispatcher (email in Chinese) and by pages
 * outside React's translation context; a kind this version does not know is shown by its name.
 */
export function renderNotification(locale: Locale, kind: string, params: Record<string, string | number>): { title: string; body: string } {
  if (!isNotificationKind(kind)) return { title: kind, body: "" };
  const t = createTranslator({ locale, messages: messages[locale], namespace: "kinds" });
  // Items stored before a kind gained `provisional` read as a published date.
  const all = { provisional: "no", ...params };
  return { title: t(`${kind}.title`, all as never), body: t(`${kind}.body`, all as never) };
}

/** The footer under every notification email. */
export function emailFooter(locale: Locale): string {
  return messages[locale].email.footer;
}
