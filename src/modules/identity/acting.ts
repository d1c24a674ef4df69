import { and, eq, gte, isNull, lte, or } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor, Agency, MandateScope } from "./model";
import { citizens, entities, mandates, windowKeyIns } from "./schema";

// Whom a signed-in person acts for. The choice (an enterprise, a person, a window key-in) is kept
// in the session; the right to it is derived here on every request from the licence (the legal
// representative) and the mandates in force, so a revoked or lapsed mandate ends at once.

/** How long a window key-in lasts once started: one counter visit. */
export const keyInMinutes = 120;

export interface ActingChoice {
  entityId?: string | null;
  personId?: string | null;
  keyInId?: string | null;
}

const scopeRank: Record<MandateScope, number> = { viewOnly: 0, services: 1, all: 2 };

type MandateRow = typeof mandates.$inferSelect;

/** Several mandates in force for one pair combine: the widest scope, the union of services. */
function combine(rows: MandateRow[]): Pick<Agency, "scope" | "serviceCodes" | "mayGrant" | "mandateId"> | null {
  if (rows.length === 0) return null;
  const widest = rows.reduce((a, b) => (scopeRank[b.scope] > scopeRank[a.scope] ? b : a));
  const serviceCodes = widest.scope === "services" ? [...new Set(rows.filter((r) => r.scope === "services").flatMap((r) => r.serviceCodes))].sort() : [];
  return { scope: widest.scope, serviceCodes, mayGrant: rows.some((r) => r.administrator && r.scope === "all"), mandateId: widest.id };
}

function inForce(today: string) {
  return and(isNull(mandates.revokedAt), lte(mandates.startsOn, today), gte(mandates.endsOn, today));
}

/** The signed-in citizen's own person record (ID number, name). */
async function selfPerson(db: Db, self: Actor) {
  if (self.role !== "citizen" || !self.personId) return undefined;
  const [me] = await db.select({ id: citizens.id, idNumber: citizens.idNumber, name: citizens.name }).from(citizens).where(eq(citizens.id, self.personId));
  return me;
}

/** The actor a person becomes acting for an enterprise, or null when they may not. */
export async function actForEntity(db: Db, self: Actor, entityId: string, today: string): Promise<Actor | null> {
  const me = await selfPerson(db, self);
  if (!me) return null;
  const [entity] = await db.select().from(entities).where(eq(entities.id, entityId));
  if (!entity) return null;
  const base = { ...self, role: "enterprise" as const, entityId: entity.id, personId: null, departmentId: null, displayName: entity.name };
  if (entity.legalRepresentativeIdNumber && entity.legalRepresentativeIdNumber === me.idNumber) {
    return {
      ...base,
      agency: { kind: "legalRepresentative", mandateId: null, keyInId: null, scope: "all", serviceCodes: [], mayGrant: true, agentName: me.name },
    };
  }
  const rows = await db
    .select()
    .from(mandates)
    .where(and(eq(mandates.entityId, entity.id), eq(mandates.agentPersonId, me.id), inForce(today)));
  const c = combine(rows);
  return c ? { ...base, agency: { kind: "mandate", keyInId: null, agentName: me.name, ...c } } : null;
}

/** The actor a person becomes acting for another person (帮办代办), or null when they may not. */
export async function actForPerson(db: Db, self: Actor, personId: string, today: string): Promise<Actor | null> {
  const me = await selfPerson(db, self);
  if (!me || personId === me.id) return null;
  const [principal] = await db.select({ id: citizens.id, name: citizens.name }).from(citizens).where(eq(citizens.id, personId));
  if (!principal) return null;
  const rows = await db
    .select()
    .from(mandates)
    .where(and(eq(mandates.principalPersonId, principal.id), eq(mandates.agentPersonId, me.id), inForce(today)));
  const c = combine(rows);
  if (!c) return null;
  return {
    ...self,
    role: "citizen",
    personId: principal.id,
    entityId: null,
    displayName: principal.name,
    agency: { kind: "personalAgent", keyInId: null, agentName: me.name, ...c, mayGrant: false },
  };
}

/** The actor a window clerk becomes while keying in for a walk-in applicant, or null when the key-in has ended. */
export async function actForKeyIn(db: Db, self: Actor, keyInId: string, now: Date): Promise<Actor | null> {
  if (self.role !== "windowClerk") return null;
  const [row] = await db
    .select({ keyIn: windowKeyIns, name: citizens.name })
    .from(windowKeyIns)
    .innerJoin(citizens, eq(citizens.id, windowKeyIns.personId))
    .where(and(eq(windowKeyIns.id, keyInId), eq(windowKeyIns.clerkUserId, self.userId), isNull(windowKeyIns.endedAt)));
  if (!row || row.keyIn.startedAt.getTime() + keyInMinutes * 60_000 < now.getTime()) return null;
  return {
    ...self,
    role: "citizen",
    personId: row.keyIn.personId,
    entityId: null,
    departmentId: null,
    displayName: row.name,
    agency: { kind: "window", mandateId: null, keyInId: row.keyIn.id, scope: "all", serviceCodes: [], mayGrant: false, agentName: self.displayName },
  };
}

/** Applies the session's choice; falls back to the person themself when the right to it is gone. */
export async function applyActingChoice(db: Db, self: Actor, choice: ActingChoice, now: Date, today: string): Promise<Actor> {
  if (choice.keyInId) return (await actForKeyIn(db, self, choice.keyInId, now)) ?? self;
  if (choice.entityId) return (await actForEntity(db, self, choice.entityId, today)) ?? self;
  if (choice.personId) return (await actForPerson(db, self, choice.personId, today)) ?? self;
  return self;
}

export interface ActingOption {
  kind: "entity" | "person";
  id: string;
  name: string;
  /** The enterprise's credit code; for a person, nothing (their ID number is not shown). */
  code: string | null;
  as: "legalRepresentative" | "mandate" | "personalAgent";
  scope: MandateScope;
}

/** Everyone the signed-in citizen may act for today: enterprises (as legal representative or by mandate) and people. */
export async function actingOptions(
  db: Db,
  self: Actor,
  today: string,
  current: Actor,
): Promise<{ current: { kind: "entity" | "person"; id: string } | null; options: ActingOption[] }> {
  const me = await selfPerson(db, self);
  const currentChoice =
    current.agency && current.agency.kind !== "window"
      ? current.role === "enterprise" && current.entityId
        ? { kind: "entity" as const, id: current.entityId }
        : current.personId
          ? { kind: "person" as const, id: current.personId }
          : null
      : null;
  if (!me) return { current: currentChoice, options: [] };
  const represented = await db
    .select({ id: entities.id, name: entities.name, code: entities.creditCode })
    .from(entities)
    .where(eq(entities.legalRepresentativeIdNumber, me.idNumber));
  const rows = await db
    .select({ m: mandates, entityName: entities.name, entityCode: entities.creditCode, personName: citizens.name })
    .from(mandates)
    .leftJoin(entities, eq(entities.id, mandates.entityId))
    .leftJoin(citizens, eq(citizens.id, mandates.principalPersonId))
    .where(and(eq(mandates.agentPersonId, me.id), inForce(today), or(eq(mandates.principalKind, "entity"), eq(mandates.principalKind, "person"))));
  const options = new Map<string, ActingOption>();
  for (const e of represented) options.set(`entity:${e.id}`, { kind: "entity", id: e.id, name: e.name, code: e.code, as: "legalRepresentative", scope: "all" });
  const grouped = new Map<string, MandateRow[]>();
  for (const r of rows) {
    const key = r.m.entityId ? `entity:${r.m.entityId}` : `person:${r.m.principalPersonId}`;
    grouped.set(key, [...(grouped.get(key) ?? []), r.m]);
  }
  for (const [key, ms] of grouped) {
    if (options.has(key)) continue;
    const r = rows.find((x) => x.m.id === ms[0]?.id);
    const c = combine(ms);
    if (!r || !c) continue;
    options.set(
      key,
      r.m.entityId
        ? { kind: "entity", id: r.m.entityId, name: r.entityName ?? "", code: r.entityCode, as: "mandate", scope: c.scope }
        : { kind: "person", id: r.m.principalPersonId ?? "", name: r.personName ?? "", code: null, as: "personalAgent", scope: c.scope },
    );
  }
  return { current: currentChoice, options: [...options.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, "zh-CN")) };
}

/** Checks a switch request before the session keeps it. */
export async function assertMayActFor(db: Db, self: Actor, choice: { kind: "entity" | "person"; id: string }, today: string): Promise<Actor> {
  const acting = choice.kind === "entity" ? await actForEntity(db, self, choice.id, today) : await actForPerson(db, self, choice.id, today);
  if (!acting) throw new DomainError("forbidden", "identity.errors.noMandate");
  return acting;
}

/**
 * 法人登录: the enterprise a person signs in for, by its credit code, with the right they hold
 * to it today; null when the enterprise is unknown or the person holds no mandate for it.
 */
export async function actForEnterpriseCode(db: Db, self: Actor, creditCode: string, today: string): Promise<Actor | null> {
  const [entity] = await db.select({ id: entities.id }).from(entities).where(eq(entities.creditCode, creditCode));
  return entity ? actForEntity(db, self, entity.id, today) : null;
}
