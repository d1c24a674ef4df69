import { and, asc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { shanghaiDate } from "@/lib/dates";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { users } from "../identity/schema";
import { reviewTasks, substitutes } from "./schema";

/**
 * The tasks a reviewer holds today: claimed by them, or by a reviewer they stand in for (代岗) on
 * the day of `now` (Shanghai dates, both ends included). A condition on review_tasks, for the
 * "mine" counter and filter; a subquery, so the dashboard stays one aggregate.
 */
export function heldByCondition(userId: string, now: Date): SQL {
  const today = shanghaiDate(now);
  return or(
    eq(reviewTasks.claimedBy, userId),
    sql`${reviewTasks.claimedBy} in (select ${substitutes.absentUserId} from ${substitutes} where ${substitutes.substituteUserId} = ${userId} and ${substitutes.startsOn} <= ${today} and ${substitutes.endsOn} >= ${today})`,
  ) as SQL;
}

/** Whether `userId` stands in for `absentUserId` today (a substitution in force, in their department). */
export async function standsInFor(db: Db, userId: string, absentUserId: string | null, departmentId: string, now: Date): Promise<boolean> {
  if (!absentUserId) return false;
  const today = shanghaiDate(now);
  const [row] = await db
    .select({ id: substitutes.id })
    .from(substitutes)
    .where(
      and(
        eq(substitutes.substituteUserId, userId),
        eq(substitutes.absentUserId, absentUserId),
        eq(substitutes.departmentId, departmentId),
        lte(substitutes.startsOn, today),
        gte(substitutes.endsOn, today),
      ),
    )
    .limit(1);
  return Boolean(row);
}

const absent = alias(users, "absent");
const substitute = alias(users, "substitute");

/**
 * The department's substitutions that have not ended yet, soonest first: the head names them, and
 * every reviewer of the department may see who stands in for whom.
 */
export async function listSubstitutes(db: Db, actor: Actor, now: Date = new Date()) {
  if (actor.role !== "reviewer" || !actor.departmentId) throw new DomainError("forbidden", "errors.forbidden");
  const rows = await db
    .select({ s: substitutes, absentName: absent.displayName, substituteName: substitute.displayName })
    .from(substitutes)
    .innerJoin(absent, eq(absent.id, substitutes.absentUserId))
    .innerJoin(substitute, eq(substitute.id, substitutes.substituteUserId))
    .where(and(eq(substitutes.departmentId, actor.departmentId), gte(substitutes.endsOn, shanghaiDate(now))))
    .orderBy(asc(substitutes.startsOn))
    .limit(200);
  const today = shanghaiDate(now);
  return rows.map(({ s, absentName, substituteName }) => ({
    id: s.id,
    absentName,
    substituteName,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    reason: s.reason,
    inForce: s.startsOn <= today && today <= s.endsOn,
  }));
}
