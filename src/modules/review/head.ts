import { and, asc, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { staff, users } from "../identity/schema";

/** The head of a department (科室负责人), or `forbidden`: only a head reassigns tasks and names substitutes. */
export function requireHead(actor: Actor): asserts actor is Actor & { departmentId: string; departmentHead: true } {
  if (actor.role !== "reviewer" || !actor.departmentId || actor.departmentHead !== true) throw new DomainError("forbidden", "review.ops.errors.notHead");
}

/** A staff account as a department's operations need it: role, department, whether it is active. */
export async function staffMember(db: Db, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      active: users.active,
      displayName: users.displayName,
      departmentId: staff.departmentId,
      departmentHead: staff.departmentHead,
    })
    .from(users)
    .innerJoin(staff, eq(staff.userId, users.id))
    .where(eq(users.id, userId));
  return row ?? null;
}

/**
 * A reviewer who may take a task of the department: an active reviewer account of that very
 * department. Anyone else is a field error on `field`, and nothing is written.
 */
export async function requireColleague(db: Db, userId: string, departmentId: string, field: string) {
  const member = await staffMember(db, userId);
  if (!member || member.role !== "reviewer" || member.departmentId !== departmentId)
    throw new DomainError("invalidInput", "review.ops.errors.notInDepartment", { field });
  if (!member.active) throw new DomainError("invalidInput", "review.ops.errors.inactive", { field });
  return member;
}

/** The active reviewers of a department, by name: whom a task can be reassigned to, a countersign asked of, a substitute named. */
export async function listDepartmentReviewers(db: Db, actor: Actor) {
  if (actor.role !== "reviewer" || !actor.departmentId) throw new DomainError("forbidden", "errors.forbidden");
  return db
    .select({ id: users.id, displayName: users.displayName, departmentHead: staff.departmentHead })
    .from(users)
    .innerJoin(staff, eq(staff.userId, users.id))
    .where(and(eq(users.role, "reviewer"), eq(users.active, true), eq(staff.departmentId, actor.departmentId)))
    .orderBy(asc(users.displayName));
}
