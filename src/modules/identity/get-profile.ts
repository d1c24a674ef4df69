import { eq } from "drizzle-orm";
import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { maskIdNumber } from "./id-number";
import type { Actor } from "./model";
import { citizens, departments, entities, users } from "./schema";

export const ZProfileView = z.object({
  displayName: z.string(),
  role: z.enum(["enterprise", "citizen", "windowClerk", "reviewer", "dataOffice"]),
  department: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  entity: z.object({ creditCode: z.string(), name: z.string(), legalRepresentative: z.string() }).nullable(),
  /** Masked: the full number is never needed on a profile page. */
  idNumberMasked: z.string().nullable(),
  lastSignInAt: z.date().nullable(),
});
export type ProfileView = z.infer<typeof ZProfileView>;

/** The signed-in user's own profile, with personal numbers masked. */
export async function getProfile(db: Db, actor: Actor): Promise<ProfileView> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new DomainError("notFound", "errors.notFound");
  const [department] = actor.departmentId
    ? await db
        .select({ code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn })
        .from(departments)
        .where(eq(departments.id, actor.departmentId))
    : [];
  const [entity] = actor.entityId
    ? await db
        .select({ creditCode: entities.creditCode, name: entities.name, legalRepresentative: entities.legalRepresentative })
        .from(entities)
        .where(eq(entities.id, actor.entityId))
    : [];
  const [citizen] =
    actor.role === "citizen"
      ? await db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, actor.userId))
      : [];
  return {
    displayName: user.displayName,
    role: user.role,
    department: department ?? null,
    entity: entity ?? null,
    idNumberMasked: citizen ? maskIdNumber(citizen.idNumber) : null,
    lastSignInAt: user.lastSignInAt,
  };
}
