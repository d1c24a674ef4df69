import { eq } from "drizzle-orm";
import { loadActor } from "@/modules/identity/authenticate";
import type { Actor } from "@/modules/identity/model";
import { departments, staff, users } from "@/modules/identity/schema";
import type { Db } from "@/server/db/client";
import { uniqueSuffix } from "./database";

/**
 * A reviewer made for one test, in a demo department (by code), active or not: a colleague to
 * reassign to, to ask to countersign, to name as a substitute.
 */
export async function extraReviewer(db: Db, departmentCode: string, options: { active?: boolean; name?: string } = {}): Promise<Actor> {
  const [dept] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, departmentCode));
  if (!dept) throw new Error(`no department ${departmentCode}`);
  const suffix = uniqueSuffix();
  const [user] = await db
    .insert(users)
    .values({
      role: "reviewer",
      login: `REVIEWER.${departmentCode}.${suffix}`.toUpperCase(),
      displayName: options.name ?? `测试审查员 ${suffix}`,
      active: options.active ?? true,
      verification: "staffAccount",
    })
    .returning({ id: users.id });
  if (!user) throw new Error("no user");
  await db.insert(staff).values({ userId: user.id, departmentId: dept.id });
  const actor = await loadActor(db, user.id);
  // An inactive account has no actor (it cannot sign in): describe it by hand.
  return actor ?? { userId: user.id, role: "reviewer", displayName: options.name ?? "", departmentId: dept.id, entityId: null, personId: null, agency: null };
}
