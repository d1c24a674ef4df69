import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { divisions } from "../divisions/schema";
import type { ZUpdateDepartmentInput } from "./inputs";
import type { Actor, IdentityAuditAction } from "./model";
import { departments } from "./schema";

/**
 * The administrator edits a department: its names in both languages, its level and the division
 * it serves. The code stays (services, certificate types, grants and staff name the department by
 * it). Refused, with nothing written: another role (`forbidden`), a department that does not exist
 * (on `code`), a division the portal does not know (on `divisionCode`). The row is locked while it
 * is read and written, and the change and its audit event (stream `organisation`, with what was
 * before) are one transaction.
 */
export async function updateDepartment(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZUpdateDepartmentInput>,
  now: Date = new Date(),
): Promise<{ id: string; code: string; changed: boolean }> {
  if (actor.role !== "administrator") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(departments).where(eq(departments.code, input.code)).for("update");
    if (!before) throw new DomainError("notFound", "identity.errors.unknownDepartment", { field: "code" });
    const [division] = await tx.select({ code: divisions.code }).from(divisions).where(eq(divisions.code, input.divisionCode));
    if (!division) throw new DomainError("invalidInput", "identity.errors.unknownDivision", { field: "divisionCode" });
    const after = { nameZh: input.nameZh, nameEn: input.nameEn, level: input.level, divisionCode: input.divisionCode };
    const was = { nameZh: before.nameZh, nameEn: before.nameEn, level: before.level, divisionCode: before.divisionCode };
    const changed = (Object.keys(after) as Array<keyof typeof after>).some((k) => after[k] !== was[k]);
    // Saving what is already there writes nothing and records nothing.
    if (!changed) return { id: before.id, code: before.code, changed: false };
    await tx.update(departments).set(after).where(eq(departments.id, before.id));
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: "organisation",
      actor: { userId: actor.userId, role: actor.role },
      action: "department.update",
      entityType: "department",
      entityId: before.id,
      data: { code: before.code, before: was, after },
      at: now,
    });
    return { id: before.id, code: before.code, changed: true };
  });
}
