import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { applications } from "./schema";

/**
 * Whether the database holds generated demo history (`applications.demo`, written by
 * `npm run demo:history`): pages and open data that count cases then say "含系统生成的演示数据".
 */
export async function hasDemoHistory(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: applications.id }).from(applications).where(eq(applications.demo, true)).limit(1);
  return row !== undefined;
}
