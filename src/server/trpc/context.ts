import { cookies } from "next/headers";
import { localeCookie, resolveLocale } from "@/i18n/locales";
import { currentActor } from "@/server/auth/actor";
import { getDb } from "@/server/db";
import type { TrpcContext } from "./init";

/** The context of a request: the database, who is signed in, and the reader's language. */
export async function createRequestContext(): Promise<TrpcContext> {
  const [db, actor, store] = await Promise.all([getDb(), currentActor(), cookies()]);
  return { db, actor, locale: resolveLocale(store.get(localeCookie)?.value) };
}
