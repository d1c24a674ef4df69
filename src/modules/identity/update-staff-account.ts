import { eq } from "drizzle-orm";
import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { msg } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { ZNewPassword } from "./inputs";
import { staffRoles, type Actor, type IdentityAuditAction } from "./model";
import { hashPassword } from "./password";
import { endAllSessions, type SessionEndReason } from "./sessions";
import { departments, staff, users } from "./schema";

export const ZUpdateStaffAccountInput = z
  .object({
    userId: z.uuid(),
    active: z.boolean().optional(),
    role: z.enum(staffRoles, msg("validation.required")).optional(),
    /** A reviewer's department (by code); null takes the department away (other roles). */
    departmentCode: z.string().trim().min(1).max(40).nullable().optional(),
    /** The reviewer heads their department (or no longer does). */
    departmentHead: z.boolean().optional(),
    /** A new password set by an administrator (密码重置). */
    newPassword: ZNewPassword.optional(),
  })
  .refine(
    (v) => v.active !== undefined || v.role !== undefined || v.departmentCode !== undefined || v.departmentHead !== undefined || v.newPassword !== undefined,
    { message: msg("validation.required"), path: ["_form"] },
  );

/**
 * Changes a staff account: deactivates or reactivates it, gives it another role or department, or
 * resets its password. Any of these ends the account's sessions at once, so a deactivated or moved
 * reviewer cannot go on acting with what they were. Only the administrator, who creates the
 * accounts (not the data office: a role that could reset an administrator's password or make
 * itself one would hold them all), and never on its own account's role or activity.
 */
export async function updateStaffAccount(db: Db, actor: Actor, input: z.output<typeof ZUpdateStaffAccountInput>, now: Date = new Date()) {
  if (actor.role !== "administrator") throw new DomainError("forbidden", "errors.forbidden");
  if (input.userId === actor.userId && (input.active === false || input.role !== undefined))
    throw new DomainError("invalidInput", "identity.errors.notOnYourself", { field: "userId" });
  const passwordHash = input.newPassword ? await hashPassword(input.newPassword) : undefined;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ user: users, departmentId: staff.departmentId, departmentHead: staff.departmentHead })
      .from(users)
      .innerJoin(staff, eq(staff.userId, users.id))
      .where(eq(users.id, input.userId))
      .for("update", { of: users });
    if (!row || !(staffRoles as readonly string[]).includes(row.user.role)) throw new DomainError("notFound", "errors.notFound");
    const role = input.role ?? row.user.role;
    let departmentId = row.departmentId;
    if (input.departmentCode !== undefined) {
      if (input.departmentCode === null) departmentId = null;
      else {
        const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, input.departmentCode));
        if (!d) throw new DomainError("invalidInput", "identity.errors.unknownDepartment", { field: "departmentCode" });
        departmentId = d.id;
      }
    }
    if (role === "reviewer" && !departmentId) throw new DomainError("invalidInput", "identity.errors.reviewerNeedsDepartment", { field: "departmentCode" });
    if (input.departmentHead === true && role !== "reviewer")
      throw new DomainError("invalidInput", "identity.errors.headIsReviewer", { field: "departmentHead" });
    // Moving to another department or role drops the headship unless it is given again.
    const departmentHead = role === "reviewer" && (input.departmentHead ?? (row.departmentHead && departmentId === row.departmentId && role === row.user.role));
    const reasons: SessionEndReason[] = [];
    if (input.active === false && row.user.active) reasons.push("deactivated");
    if (role !== row.user.role) reasons.push("roleChanged");
    if (departmentId !== row.departmentId) reasons.push("departmentChanged");
    if (departmentHead !== row.departmentHead) reasons.push("roleChanged");
    if (passwordHash) reasons.push("passwordReset");
    await tx
      .update(users)
      .set({ active: input.active ?? row.user.active, role, ...(passwordHash ? { passwordHash } : {}) })
      .where(eq(users.id, input.userId));
    await tx
      .update(staff)
      .set({ departmentId: role === "reviewer" ? departmentId : null, departmentHead })
      .where(eq(staff.userId, input.userId));
    const ended = reasons[0] ? await endAllSessions(tx, input.userId, reasons[0], now) : 0;
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `user:${input.userId}`,
      actor: { userId: actor.userId, role: actor.role },
      action: "account.update",
      entityType: "user",
      entityId: input.userId,
      data: {
        changes: reasons,
        active: input.active ?? row.user.active,
        role,
        departmentChanged: departmentId !== row.departmentId,
        departmentHead,
        sessionsEnded: ended,
      },
      at: now,
    });
    return { sessionsEnded: ended, changes: reasons };
  });
}
