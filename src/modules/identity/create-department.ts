import type { IdentityAuditAction } from "./model";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { divisions } from "../divisions/schema";
import type { ZCreateDepartmentInput } from "./inputs";
import type { Actor } from "./model";
import { departments } from "./schema";

/**
 * The administrator creates a department. Refused: a code already in use (on `code`), a division
 * the portal does not know (on `divisionCode`). The row and its audit event (stream
 * `organisation`) are one transaction. Its signing key is made when it first signs.
 */
export async function createDepartment(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateDepartmentInput>,
  now: Date = new Date(),
): Promise<{ id: string; code: string }> {
  if (actor.role !== "administrator") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [division] = await tx.select({ code: divisions.code }).from(divisions).where(eq(divisions.code, input.divisionCode));
    if (!division) throw new DomainError("invalidInput", "identity.errors.unknownDivision", { field: "divisionCode" });
    // Insert-or-nothing on the unique code: two administrators creating one code at once get one row and one refusal.
    const [row] = await tx
      .insert(departments)
      .values({ code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, level: input.level, divisionCode: input.divisionCode, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: departments.id, code: departments.code });
    if (!row) throw new DomainError("conflict", "identity.errors.departmentTaken", { field: "code" });
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: "organisation",
      actor: { userId: actor.userId, role: actor.role },
      action: "department.create",
      entityType: "department",
      entityId: row.id,
      data: { ...input },
      at: now,
    });
    return row;
  });
}
