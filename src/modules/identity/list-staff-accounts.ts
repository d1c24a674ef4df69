import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { staffRoles } from "./model";
import { departments, sessions, staff, users } from "./schema";

export const ZStaffAccountView = z.object({
  userId: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
  active: z.boolean(),
  departmentCode: z.string().nullable(),
  departmentHead: z.boolean(),
  lastSignInAt: z.date().nullable(),
  /** Sessions not ended (they may still lapse by idleness). */
  openSessions: z.number(),
});

/** Every staff account with its department and how many sessions it has open (the administrator's page). */
export async function listStaffAccounts(db: Db, now: Date = new Date()) {
  const rows = await db
    .select({
      userId: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      departmentCode: departments.code,
      departmentHead: staff.departmentHead,
      lastSignInAt: users.lastSignInAt,
      openSessions: sql<number>`(select count(*)::int from ${sessions} where ${sessions.userId} = ${users.id} and ${sessions.revokedAt} is null and ${sessions.absoluteExpiresAt} > ${now})`,
    })
    .from(users)
    .innerJoin(staff, eq(staff.userId, users.id))
    .leftJoin(departments, eq(departments.id, staff.departmentId))
    .orderBy(asc(users.role), asc(users.login))
    .limit(500);
  return rows.flatMap((r) =>
    (staffRoles as readonly string[]).includes(r.role) ? [{ ...r, role: r.role as (typeof staffRoles)[number], openSessions: Number(r.openSessions) }] : [],
  );
}
