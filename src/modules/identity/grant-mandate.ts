import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { shanghaiDate } from "@/lib/dates";
import { services } from "../catalog/schema";
import { notify } from "../notifications/notify";
import type { ZGrantMandateInput, ZGrantPersonalMandateInput } from "./inputs";
import { maxMandateYears, type Actor, type IdentityAuditAction } from "./model";
import { verifiedPerson } from "./people";
import { applicantUserIds } from "./recipients";
import { citizens, entities, mandates } from "./schema";

function addYears(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}

/** Dates a mandate may have: not in the past, at most five years. */
function checkDates(startsOn: string, endsOn: string, today: string): void {
  if (startsOn < today) throw new DomainError("invalidInput", "identity.validation.mandateStartsPast", { field: "startsOn" });
  if (endsOn > addYears(startsOn, maxMandateYears))
    throw new DomainError("invalidInput", "identity.validation.mandateTooLong", { field: "endsOn", params: { years: maxMandateYears } });
}

/** Named services must exist in the catalog. */
async function checkServices(db: Db, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = await db
    .select({ code: services.code })
    .from(services)
    .where(inArray(services.code, [...codes]));
  if (found.length !== new Set(codes).size) throw new DomainError("invalidInput", "identity.validation.mandateUnknownService", { field: "serviceCodes" });
}

/**
 * The enterprise's legal representative (or an administrator they appointed) authorises a person
 * to act for it (法定代表人授权): scope, start and end. The person is checked against the
 * population register; only the legal representative appoints administrators. One transaction,
 * audited on the enterprise's stream; the person and the enterprise's people are told.
 */
export async function grantMandate(db: Db, actor: Actor, input: z.output<typeof ZGrantMandateInput>, now: Date = new Date()) {
  if (actor.role !== "enterprise" || !actor.entityId || !actor.agency?.mayGrant) throw new DomainError("forbidden", "identity.errors.mayNotGrant");
  if (input.administrator && actor.agency.kind !== "legalRepresentative")
    throw new DomainError("forbidden", "identity.errors.onlyRepresentativeAppoints", { field: "administrator" });
  const entityId = actor.entityId;
  checkDates(input.startsOn, input.endsOn, shanghaiDate(now));
  await checkServices(db, input.scope === "services" ? input.serviceCodes : []);
  return db.transaction(async (tx) => {
    const [entity] = await tx.select().from(entities).where(eq(entities.id, entityId));
    if (!entity) throw new DomainError("notFound", "errors.notFound");
    const agent = await verifiedPerson(tx, { idNumber: input.agentIdNumber, name: input.agentName }, actor, "agentIdNumber");
    if (input.agentIdNumber === entity.legalRepresentativeIdNumber)
      throw new DomainError("invalidInput", "identity.errors.representativeNeedsNoMandate", { field: "agentIdNumber" });
    const [row] = await tx
      .insert(mandates)
      .values({
        principalKind: "entity",
        entityId,
        agentPersonId: agent.id,
        administrator: input.administrator,
        scope: input.scope,
        serviceCodes: input.scope === "services" ? [...new Set(input.serviceCodes)].sort() : [],
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        grantedBy: actor.userId,
        grantedAt: now,
      })
      .returning({ id: mandates.id });
    if (!row) throw new Error("mandate not stored");
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `entity:${entityId}`,
      actor: { userId: actor.userId, role: actor.role },
      action: "mandate.grant",
      entityType: "mandate",
      entityId: row.id,
      to: "granted",
      data: {
        agent: agent.name,
        scope: input.scope,
        serviceCodes: input.serviceCodes,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        administrator: input.administrator,
        as: actor.agency?.kind ?? null,
      },
      at: now,
    });
    const to = new Set(await applicantUserIds(tx, { entityId, personId: null }, now));
    if (agent.userId) to.add(agent.userId);
    await notify(tx, { kind: "mandateGranted", to: { userIds: [...to] }, params: { principal: entity.name, agent: agent.name, endsOn: input.endsOn } });
    return { id: row.id };
  });
}

/**
 * A citizen authorises a relative or a community helper to apply for them (帮办代办), until the
 * end date. Only the person themself grants it, never an agent of theirs.
 */
export async function grantPersonalMandate(db: Db, actor: Actor, input: z.output<typeof ZGrantPersonalMandateInput>, now: Date = new Date()) {
  if (actor.role !== "citizen" || actor.agency || !actor.personId) throw new DomainError("forbidden", "identity.errors.mayNotGrant");
  const principalId = actor.personId;
  const today = shanghaiDate(now);
  checkDates(today, input.endsOn, today);
  await checkServices(db, input.scope === "services" ? input.serviceCodes : []);
  return db.transaction(async (tx) => {
    const [me] = await tx.select({ idNumber: citizens.idNumber, name: citizens.name }).from(citizens).where(eq(citizens.id, principalId));
    if (!me) throw new DomainError("forbidden", "identity.errors.mayNotGrant");
    if (me.idNumber === input.agentIdNumber) throw new DomainError("invalidInput", "identity.errors.selfMandate", { field: "agentIdNumber" });
    const agent = await verifiedPerson(tx, { idNumber: input.agentIdNumber, name: input.agentName }, actor, "agentIdNumber");
    const [row] = await tx
      .insert(mandates)
      .values({
        principalKind: "person",
        principalPersonId: principalId,
        agentPersonId: agent.id,
        relationship: input.relationship,
        scope: input.scope,
        serviceCodes: input.scope === "services" ? [...new Set(input.serviceCodes)].sort() : [],
        startsOn: today,
        endsOn: input.endsOn,
        grantedBy: actor.userId,
        grantedAt: now,
      })
      .returning({ id: mandates.id });
    if (!row) throw new Error("mandate not stored");
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `person:${principalId}`,
      actor: { userId: actor.userId, role: actor.role },
      action: "mandate.grant",
      entityType: "mandate",
      entityId: row.id,
      to: "granted",
      data: { agent: agent.name, relationship: input.relationship, scope: input.scope, serviceCodes: input.serviceCodes, endsOn: input.endsOn },
      at: now,
    });
    await notify(tx, {
      kind: "mandateGranted",
      to: { userIds: [actor.userId, ...(agent.userId ? [agent.userId] : [])] },
      params: { principal: me.name, agent: agent.name, endsOn: input.endsOn },
    });
    return { id: row.id };
  });
}

/** Whether a mandate row may be managed by this actor: the enterprise's granters, or the person who granted it. */
export function managesMandate(actor: Actor, m: { principalKind: "entity" | "person"; entityId: string | null; principalPersonId: string | null }): boolean {
  if (m.principalKind === "entity") return actor.role === "enterprise" && actor.entityId === m.entityId && Boolean(actor.agency?.mayGrant);
  return actor.role === "citizen" && !actor.agency && actor.personId === m.principalPersonId;
}
