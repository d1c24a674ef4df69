import { eq } from "drizzle-orm";
import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { maskIdNumber } from "./id-number";
import { roles, type Actor } from "./model";
import { citizens, departments, entities, users } from "./schema";

export const ZProfileView = z.object({
  displayName: z.string(),
  role: z.enum(roles),
  department: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  entity: z.object({ creditCode: z.string(), name: z.string(), legalRepresentative: z.string() }).nullable(),
  /** Masked: the full number is never needed on a profile page. Of the person applied for. */
  idNumberMasked: z.string().nullable(),
  /** How the signed-in account's identity was verified (实名等级). */
  verification: z.enum(["none", "populationRegister", "identityPlatform", "staffAccount"]),
  /** When acting for someone: how, and the signed-in person's own name. */
  agency: z
    .object({
      kind: z.enum(["legalRepresentative", "mandate", "personalAgent", "window"]),
      scope: z.enum(["all", "services", "viewOnly"]),
      serviceCodes: z.array(z.string()),
      agentName: z.string(),
      mayGrant: z.boolean(),
    })
    .nullable(),
  lastSignInAt: z.date().nullable(),
});
export type ProfileView = z.infer<typeof ZProfileView>;

/** The signed-in user's own profile (or whom they act for), with personal numbers masked. */
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
  const [person] = actor.personId ? await db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.id, actor.personId)) : [];
  const a = actor.agency;
  return {
    displayName: actor.displayName,
    role: actor.role,
    department: department ?? null,
    entity: entity ?? null,
    idNumberMasked: person ? maskIdNumber(person.idNumber) : null,
    verification: user.verification,
    agency: a ? { kind: a.kind, scope: a.scope, serviceCodes: a.serviceCodes, agentName: a.agentName, mayGrant: a.mayGrant } : null,
    lastSignInAt: user.lastSignInAt,
  };
}
