import { asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { departments, staff } from "./schema";

export const ZDepartmentView = z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), staffCount: z.number() });

/** Every department with how many staff accounts it has. */
export async function listDepartments(db: Db) {
  const rows = await db
    .select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn, staffCount: count(staff.userId) })
    .from(departments)
    .leftJoin(staff, eq(staff.departmentId, departments.id))
    .groupBy(departments.id)
    .orderBy(asc(departments.code));
  return rows.map((r) => ({ ...r, staffCount: Number(r.staffCount) }));
}
