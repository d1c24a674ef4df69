import type { IdentityAuditAction } from "./model";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { ZCreateStaffAccountInput } from "./inputs";
import { normalizeLogin, type Actor } from "./model";
import { hashPassword } from "./password";
import { departments, staff, users } from "./schema";

/**
 * Creates a staff account (window clerk, reviewer, data office, administrator). `actor` is the
 * administrator, or null for the command line's first administrator (`npm run admin:create`),
 * which no one is signed in to run. Refused: a login already in use (on `login`), an unknown
 * department (on `departmentCode`), a reviewer without one. Without a password the account has no
 * usable one until it is reset. The account and its audit event are one transaction; the password
 * is never in the event.
 */
export async function createStaffAccount(
  db: Db,
  actor: Actor | null,
  input: z.output<typeof ZCreateStaffAccountInput>,
  now: Date = new Date(),
): Promise<{ userId: string; login: string }> {
  if (actor && actor.role !== "administrator") throw new DomainError("forbidden", "errors.forbidden");
  if (input.role === "reviewer" && !input.departmentCode)
    throw new DomainError("invalidInput", "identity.errors.reviewerNeedsDepartment", { field: "departmentCode" });
  if (input.departmentHead && input.role !== "reviewer") throw new DomainError("invalidInput", "identity.errors.headIsReviewer", { field: "departmentHead" });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const login = normalizeLogin(input.login);
  return db.transaction(async (tx) => {
    let departmentId: string | null = null;
    if (input.departmentCode) {
      const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, input.departmentCode));
      if (!d) throw new DomainError("invalidInput", "identity.errors.unknownDepartment", { field: "departmentCode" });
      departmentId = d.id;
    }
    // Insert-or-nothing on the unique login: no check-then-insert race.
    const [user] = await tx
      .insert(users)
      .values({ role: input.role, login, displayName: input.displayName, passwordHash, verification: "staffAccount", verifiedAt: now, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) throw new DomainError("conflict", "identity.errors.loginTaken", { field: "login" });
    // Only a reviewer belongs to a department (see staff.departmentId).
    await tx
      .insert(staff)
      .values({
        userId: user.id,
        departmentId: input.role === "reviewer" ? departmentId : null,
        departmentHead: input.role === "reviewer" && input.departmentHead === true,
      });
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `user:${user.id}`,
      actor: actor ? { userId: actor.userId, role: actor.role } : null,
      action: "account.create",
      entityType: "user",
      entityId: user.id,
      data: {
        login,
        role: input.role,
        departmentCode: input.departmentCode ?? null,
        departmentHead: input.departmentHead === true,
        passwordSet: passwordHash !== null,
        by: actor ? "administrator" : "command line",
      },
      at: now,
    });
    return { userId: user.id, login };
  });
}
