import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { divisions } from "../divisions/schema";
import { departmentLevels } from "./model";
import { departments, staff, users } from "./schema";

export const ZDepartmentView = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  level: z.enum(departmentLevels),
  divisionCode: z.string(),
  /** The division's name (GB/T 2260); null when the portal's table does not have the code. */
  divisionNameZh: z.string().nullable(),
  divisionNameEn: z.string().nullable(),
  /** Active staff accounts of the department (reviewers: only they belong to one). */
  activeStaffCount: z.number(),
});
export type DepartmentView = z.output<typeof ZDepartmentView>;

/** Every department with its level, its division and how many active staff accounts it has. */
export async function listDepartments(db: Db): Promise<DepartmentView[]> {
  const rows = await db
    .select({
      id: departments.id,
      code: departments.code,
      nameZh: departments.nameZh,
      nameEn: departments.nameEn,
      level: departments.level,
      divisionCode: departments.divisionCode,
      divisionNameZh: divisions.nameZh,
      divisionNameEn: divisions.nameEn,
      activeStaffCount: sql<number>`count(${users.id}) filter (where ${users.active})`,
    })
    .from(departments)
    .leftJoin(divisions, eq(divisions.code, departments.divisionCode))
    .leftJoin(staff, eq(staff.departmentId, departments.id))
    .leftJoin(users, eq(users.id, staff.userId))
    .groupBy(departments.id, divisions.code)
    .orderBy(asc(departments.code));
  return rows.map((r) => ({ ...r, activeStaffCount: Number(r.activeStaffCount) }));
}
