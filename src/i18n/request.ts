import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { localeCookie, resolveLocale } from "./locales";
import { messagesByLocale } from "./messages";

// No locale in the URL: the reader's choice is a cookie, so links stay the same in both languages.
export default getRequestConfig(async () => {
  const store = await cookies();
  const locale = resolveLocale(store.get(localeCookie)?.value);
  return { locale, messages: messagesByLocale[locale], timeZone: "Asia/Shanghai" };
});
