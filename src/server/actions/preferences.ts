"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { localeCookie, resolveLocale, seniorCookie } from "@/i18n/locales";

const oneYear = 60 * 60 * 24 * 365;

/** Switches the interface language; the choice sticks in a cookie. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = resolveLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: oneYear, sameSite: "lax" });
  revalidatePath("/", "layout");
}

/** Turns the senior-friendly mode on or off; remembered in a cookie. */
export async function setSeniorMode(formData: FormData): Promise<void> {
  const on = formData.get("senior") === "on";
  (await cookies()).set(seniorCookie, on ? "on" : "off", { path: "/", maxAge: oneYear, sameSite: "lax" });
  revalidatePath("/", "layout");
}
