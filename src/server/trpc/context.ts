import { cookies } from "next/headers";
import { localeCookie, resolveLocale } from "@/i18n/locales";
import { currentSession } from "@/server/auth/actor";
import { getDb } from "@/server/db";
import type { TrpcContext } from "./init";

/** The context of a request: the database, who is signed in, and the reader's language. */
export async function createRequestContext(): Promise<TrpcContext> {
  const [db, session, store] = await Promise.all([getDb(), currentSession(), cookies()]);
  return { db, actor: session?.actor ?? null, self: session?.self ?? null, locale: resolveLocale(store.get(localeCookie)?.value) };
}
