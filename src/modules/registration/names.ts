import { and, eq, gt, inArray, isNull, lte, ne, notInArray, or } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { endedWithoutGrantStatuses } from "../applications/model";
import { applications } from "../applications/schema";
import { recordAudit } from "../audit/record-audit";
import { divisions } from "../divisions/schema";
import type { Actor } from "../identity/model";
import type { ZNameInput, ZReserveNameInput } from "./inputs";
import { compareName, entityTypes, fullName, normaliseTradeName, reservationDays, type NameAuditAction, type NameFinding, type NameParts } from "./model";
import { applyNameEventToAll, namesStream } from "./name-transition";
import { enterpriseNames } from "./schema";

const dayMs = 86_400_000;

/** Applications that still hold the names they use: every one not closed without the licence. */
function holdingApplicationIds(db: Db) {
  return db
    .select({ id: applications.id })
    .from(applications)
    .where(notInArray(applications.status, [...endedWithoutGrantStatuses]));
}

/** Applications that ended without the licence, whose names go back to their founders. */
export function endedApplicationIds(db: Db) {
  return db
    .select({ id: applications.id })
    .from(applications)
    .where(inArray(applications.status, [...endedWithoutGrantStatuses]));
}

/** How a division is written in a name: 河北 for the province, the city without 市. */
export function nameDivisionName(nameZh: string): string {
  return nameZh.replace(/(省|市)$/, "");
}

async function nameParts(db: Db, input: z.output<typeof ZNameInput>): Promise<NameParts> {
  const [division] = await db.select({ nameZh: divisions.nameZh }).from(divisions).where(eq(divisions.code, input.divisionCode));
  if (!division) throw new DomainError("invalidInput", "registration.validation.nameDivision", { field: "divisionCode" });
  if (!(entityTypes[input.entityType].forms as readonly string[]).includes(input.form)) {
    throw new DomainError("invalidInput", "registration.validation.form", { field: "form" });
  }
  return {
    divisionName: nameDivisionName(division.nameZh),
    divisionCode: input.divisionCode,
    tradeName: input.tradeName,
    industry: input.industry,
    form: input.form,
  };
}

/** Names that count against a new one: registered, or reserved and not yet lapsed (other founders' and one's own). */
export async function liveNames(db: Db, divisionCode: string, now: Date, exceptReservedBy?: string) {
  return db
    .select()
    .from(enterpriseNames)
    .where(
      and(
        eq(enterpriseNames.divisionCode, divisionCode),
        or(
          eq(enterpriseNames.status, "registered"),
          and(
            eq(enterpriseNames.status, "reserved"),
            or(gt(enterpriseNames.reservedUntil, now), inArray(enterpriseNames.applicationId, holdingApplicationIds(db))),
          ),
        ),
        exceptReservedBy ? or(isNull(enterpriseNames.reservedBy), ne(enterpriseNames.reservedBy, exceptReservedBy)) : undefined,
      ),
    );
}

export interface NameCheck {
  fullName: string;
  outcome: "available" | "warning" | "refused";
  findings: NameFinding[];
}

/** Checks a name against the registered and reserved names of its division (自主申报查重). */
export async function checkName(db: Db, actor: Actor, input: z.output<typeof ZNameInput>, now: Date = new Date()): Promise<NameCheck> {
  const parts = await nameParts(db, input);
  const findings = compareName(parts, await liveNames(db, parts.divisionCode, now, actor.userId));
  return { fullName: fullName(parts), outcome: findings[0]?.level === "refused" ? "refused" : findings.length ? "warning" : "available", findings };
}

/**
 * Reserves a passing name for the founder for `reservationDays`. A refused name is refused with
 * the conflicting trade name; a name with warnings needs the founder's acknowledgement. Two
 * founders racing for one name: the unique index on live names lets one through.
 */
export async function reserveName(db: Db, actor: Actor, input: z.output<typeof ZReserveNameInput>, now: Date = new Date()) {
  if (actor.role !== "citizen") throw new DomainError("forbidden", "registration.errors.founderOnly");
  const parts = await nameParts(db, input);
  const normalisedTrade = normaliseTradeName(parts.tradeName);
  return db.transaction(async (tx) => {
    // A lapsed reservation no application uses frees its name.
    const lapsed = await tx
      .select({ id: enterpriseNames.id, status: enterpriseNames.status, fullName: enterpriseNames.fullName })
      .from(enterpriseNames)
      .where(
        and(
          eq(enterpriseNames.status, "reserved"),
          eq(enterpriseNames.divisionCode, parts.divisionCode),
          lte(enterpriseNames.reservedUntil, now),
          or(isNull(enterpriseNames.applicationId), inArray(enterpriseNames.applicationId, endedApplicationIds(tx))),
        ),
      )
      .for("update");
    // Released by the rule, not by this founder: the system is the actor.
    await applyNameEventToAll(tx, lapsed, "release", { actor: null, now, data: { reason: "lapsed" } });

    // The founder's own live reservation of the same name is returned as it is.
    const [own] = await tx
      .select()
      .from(enterpriseNames)
      .where(
        and(
          eq(enterpriseNames.reservedBy, actor.userId),
          eq(enterpriseNames.status, "reserved"),
          eq(enterpriseNames.divisionCode, parts.divisionCode),
          eq(enterpriseNames.industry, parts.industry),
          eq(enterpriseNames.normalisedTrade, normalisedTrade),
        ),
      );
    if (own && own.reservedUntil && own.reservedUntil > now) return { id: own.id, fullName: own.fullName, reservedUntil: own.reservedUntil };

    const findings = compareName(parts, await liveNames(tx, parts.divisionCode, now, actor.userId));
    const refusal = findings.find((f) => f.level === "refused");
    if (refusal) {
      throw new DomainError("conflict", "registration.errors.nameRefused", {
        field: "tradeName",
        params: { trade: refusal.conflictTradeName, name: refusal.conflictName },
      });
    }
    if (findings.length > 0 && !input.acceptWarnings) {
      throw new DomainError("invalidInput", "registration.errors.nameWarnings", { field: "acceptWarnings", params: { count: findings.length } });
    }
    const reservedUntil = new Date(now.getTime() + reservationDays * dayMs);
    const [row] = await tx
      .insert(enterpriseNames)
      .values({ ...parts, fullName: fullName(parts), normalisedTrade, status: "reserved", reservedBy: actor.userId, reservedUntil, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new DomainError("conflict", "registration.errors.nameTaken", { field: "tradeName" });
    await recordAudit<NameAuditAction>(tx, {
      streamId: namesStream,
      actor: { userId: actor.userId, role: actor.role },
      action: "name.reserve",
      entityType: "enterpriseName",
      entityId: row.id,
      to: "reserved",
      data: { fullName: row.fullName },
      at: now,
    });
    return { id: row.id, fullName: row.fullName, reservedUntil };
  });
}

/** The founder's names still reserved and not yet used by an application. */
export async function listMyReservations(db: Db, actor: Actor, now: Date = new Date()) {
  return db
    .select({
      id: enterpriseNames.id,
      fullName: enterpriseNames.fullName,
      reservedUntil: enterpriseNames.reservedUntil,
      divisionCode: enterpriseNames.divisionCode,
      industry: enterpriseNames.industry,
      form: enterpriseNames.form,
    })
    .from(enterpriseNames)
    .where(
      and(
        eq(enterpriseNames.reservedBy, actor.userId),
        eq(enterpriseNames.status, "reserved"),
        gt(enterpriseNames.reservedUntil, now),
        or(isNull(enterpriseNames.applicationId), inArray(enterpriseNames.applicationId, endedApplicationIds(db))),
      ),
    );
}
