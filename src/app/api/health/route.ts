import { sql } from "drizzle-orm";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** Ready when the database is open, migrated and answers. */
export async function GET() {
  const db = await getDb();
  await db.execute(sql`select 1`);
  return Response.json({ status: "ok" });
}
