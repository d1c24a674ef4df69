import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { translateMessage } from "@/lib/message";
import { moduleMessages } from "@/root/messages";
import type { Locale } from "./locales";

export type Messages = typeof zhCN & Record<string, unknown>;

/**
 * Shared strings live in `src/messages/<locale>.json`; each module keeps its own in
 * `src/modules/<module>/messages.<locale>.json`, merged here under the module's name.
 */
export const messagesByLocale: Record<Locale, Messages> = { "zh-CN": { ...zhCN, ...moduleMessages["zh-CN"] }, en: { ...en, ...moduleMessages.en } };

/** Translates an encoded message key (see `msg`) outside React, e.g. in the tRPC error formatter. */
export function translateServerMessage(locale: Locale, encoded: string): string {
  const t = createTranslator({ locale, messages: messagesByLocale[locale] as Messages });
  return translateMessage(
    Object.assign((key: string, params?: Record<string, string | number>) => t(key as never, params as never), { has: (key: string) => t.has(key as never) }),
    encoded,
  );
}
