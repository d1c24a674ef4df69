import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { translateMessage } from "@/lib/message";
import type { Locale } from "./locales";

export type Messages = typeof zhCN;

export const messagesByLocale: Record<Locale, Messages> = { "zh-CN": zhCN, en };

/** Translates an encoded message key (see `msg`) outside React, e.g. in the tRPC error formatter. */
export function translateServerMessage(locale: Locale, encoded: string): string {
  const t = createTranslator({ locale, messages: messagesByLocale[locale] as Messages });
  return translateMessage(
    Object.assign((key: string, params?: Record<string, string | number>) => t(key as never, params as never), {
      has: (key: string) => t.has(key as never),
    }),
    encoded,
  );
}
