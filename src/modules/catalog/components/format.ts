import type { Locale } from "@/i18n/locales";
import { fenToYuan } from "../model";

/** A fee in fen as the reader expects it: "不收费" / "Free", otherwise yuan with the currency sign. */
export function formatFee(feeFen: number, locale: string, free: string): string {
  if (feeFen === 0) return free;
  return new Intl.NumberFormat(locale as Locale, { style: "currency", currency: "CNY" }).format(fenToYuan(feeFen));
}

/** Picks the Chinese or English of a pair of columns. */
export function pick<T extends { nameZh: string; nameEn: string }>(value: T, locale: string): string {
  return locale === "en" ? value.nameEn : value.nameZh;
}

export function pickText(zh: string, en: string, locale: string): string {
  return locale === "en" ? en : zh;
}
