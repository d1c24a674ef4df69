import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import { maskIdNumber } from "./id-number";
import { mandateStatus, type Actor } from "./model";
import { citizens, entities, mandates, users } from "./schema";

export const ZMandateView = z.object({
  id: z.string(),
  principalKind: z.enum(["entity", "person"]),
  principalName: z.string(),
  /** The enterprise's credit code (public); null for a person. */
  principalCode: z.string().nullable(),
  agentName: z.string(),
  /** Masked: enough to tell two people of one name apart. */
  agentIdNumberMasked: z.string(),
  administrator: z.boolean(),
  relationship: z.string().nullable(),
  scope: z.enum(["all", "services", "viewOnly"]),
  serviceCodes: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(["pending", "active", "expired", "revoked"]),
  grantedByName: z.string(),
  grantedAt: z.date(),
  revokedAt: z.date().nullable(),
  revocationReason: z.string().nullable(),
  /** The viewer may revoke it (a granter, or its holder giving it up). */
  revocable: z.boolean(),
});
export type MandateView = z.infer<typeof ZMandateView>;

export const ZMandatesPage = z.object({
  /** Who the page is about: the enterprise acted for, or the person themself. */
  principal: z.object({ kind: z.enum(["entity", "person"]), name: z.string(), code: z.string().nullable(), legalRepresentative: z.string().nullable() }),
  mayGrant: z.boolean(),
  mayAppointAdministrators: z.boolean(),
  /** Mandates granted by the principal. */
  granted: z.array(ZMandateView),
  /** Mandates the signed-in person holds for others (only when acting as themself). */
  held: z.array(ZMandateView),
});

async function rows(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({
      m: mandates,
      agentName: citizens.name,
      agentIdNumber: citizens.idNumber,
      grantedByName: users.displayName,
      entityName: entities.name,
      entityCode: entities.creditCode,
    })
    .from(mandates)
    .innerJoin(citizens, eq(citizens.id, mandates.agentPersonId))
    .innerJoin(users, eq(users.id, mandates.grantedBy))
    .leftJoin(entities, eq(entities.id, mandates.entityId))
    .where(where)
    .orderBy(desc(mandates.grantedAt))
    .limit(200);
}

/**
 * The mandates page: for an enterprise (acted for), the mandates it granted; for a person acting
 * as themself, the agents they authorised and the mandates they hold for enterprises and people.
 */
export async function listMandates(db: Db, actor: Actor, now: Date = new Date()): Promise<z.infer<typeof ZMandatesPage>> {
  const today = shanghaiDate(now);
  const principalNames = new Map<string, string>();
  const view = (r: Awaited<ReturnType<typeof rows>>[number], revocable: boolean): MandateView => ({
    id: r.m.id,
    principalKind: r.m.principalKind,
    principalName: r.entityName ?? principalNames.get(r.m.principalPersonId ?? "") ?? "",
    principalCode: r.entityCode ?? null,
    agentName: r.agentName,
    agentIdNumberMasked: maskIdNumber(r.agentIdNumber),
    administrator: r.m.administrator,
    relationship: r.m.relationship,
    scope: r.m.scope,
    serviceCodes: r.m.serviceCodes,
    startsOn: r.m.startsOn,
    endsOn: r.m.endsOn,
    status: mandateStatus(r.m, today),
    grantedByName: r.grantedByName,
    grantedAt: r.m.grantedAt,
    revokedAt: r.m.revokedAt,
    revocationReason: r.m.revocationReason,
    revocable: revocable && !r.m.revokedAt && mandateStatus(r.m, today) !== "expired",
  });
  if (actor.role === "enterprise" && actor.entityId) {
    const [entity] = await db.select().from(entities).where(eq(entities.id, actor.entityId));
    const mayGrant = Boolean(actor.agency?.mayGrant);
    // A view-only or services mandate holder sees who else acts for the enterprise, but changes nothing.
    const granted = await rows(db, and(eq(mandates.entityId, actor.entityId)));
    return {
      principal: {
        kind: "entity",
        name: entity?.name ?? actor.displayName,
        code: entity?.creditCode ?? null,
        legalRepresentative: entity?.legalRepresentative ?? null,
      },
      mayGrant,
      mayAppointAdministrators: actor.agency?.kind === "legalRepresentative",
      granted: granted.map((r) => view(r, mayGrant)),
      held: [],
    };
  }
  if (actor.role !== "citizen" || !actor.personId || actor.agency?.kind === "window")
    return {
      principal: { kind: "person", name: actor.displayName, code: null, legalRepresentative: null },
      mayGrant: false,
      mayAppointAdministrators: false,
      granted: [],
      held: [],
    };
  const self = !actor.agency;
  const persons = await db.select({ id: citizens.id, name: citizens.name }).from(citizens).where(eq(citizens.id, actor.personId));
  for (const p of persons) principalNames.set(p.id, p.name);
  const granted = await rows(db, and(eq(mandates.principalPersonId, actor.personId)));
  const held = self ? await rows(db, and(eq(mandates.agentPersonId, actor.personId))) : [];
  for (const r of held) {
    if (r.m.principalPersonId && !principalNames.has(r.m.principalPersonId)) {
      const [p] = await db.select({ name: citizens.name }).from(citizens).where(eq(citizens.id, r.m.principalPersonId));
      principalNames.set(r.m.principalPersonId, p?.name ?? "");
    }
  }
  return {
    principal: { kind: "person", name: persons[0]?.name ?? actor.displayName, code: null, legalRepresentative: null },
    mayGrant: self,
    mayAppointAdministrators: false,
    granted: granted.map((r) => view(r, self)),
    held: held.map((r) => view(r, true)),
  };
}
