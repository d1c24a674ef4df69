import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { bundles } from "../catalog/schema";
import type { applications } from "./schema";

/** What an application was made for, as the catalog names it: a bundle by its code, or its one service. */
export async function subjectOf(
  db: Db,
  app: Pick<typeof applications.$inferSelect, "bundleId" | "plan">,
): Promise<{ kind: "service" | "bundle"; code: string }> {
  if (!app.bundleId) return { kind: "service", code: app.plan[0]?.serviceCode ?? "" };
  const [row] = await db.select({ code: bundles.code }).from(bundles).where(eq(bundles.id, app.bundleId));
  if (!row) throw new DomainError("notFound", "errors.notFound");
  return { kind: "bundle", code: row.code };
}
