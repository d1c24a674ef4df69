import { and, count, desc, eq, ilike, or } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { certificateTypeIdentifying } from "../catalog/certificate-types";
import { shanghaiDate } from "@/lib/dates";
import { loadDivisionTable } from "../divisions/load-divisions";
import { idNumberBirthDate, idNumberSex, maskIdNumber } from "../identity/id-number";
import type { Actor } from "../identity/model";
import type { ZAddPersonInput, ZPopulationListInput } from "./inputs";
import { issueCertificate, issueUnlessHeld } from "./registry";
import { dataAccessLog, dataResources, populationRecords } from "./schema";
import type { SharingAuditAction } from "./model";

// Public security's population register (人口库) as a resource of the shared data layer: it says
// who a resident ID number belongs to. Registration matches against it (and the match is logged
// in the person's data log like any other read); public security's staff keep it.

/** The data-sharing catalog's code of the population register. */
export const populationRegisterCode = "populationRegister";

/**
 * The resident ID card the register's people hold in the certificate registry: the type the
 * catalog flags as proving who a person is (居民身份证), or null when it has none.
 */
function idCardType(db: Db): Promise<string | null> {
  return certificateTypeIdentifying(db, "person");
}

async function registerResource(db: Db) {
  const [r] = await db
    .select({ id: dataResources.id, provider: dataResources.providerDepartmentId, legalBasis: dataResources.legalBasis })
    .from(dataResources)
    .where(eq(dataResources.code, populationRegisterCode));
  return r;
}

/**
 * Whether a name and ID number belong together in the register. The answer is yes or no and
 * never says which part was wrong. Logged in the person's data log as an identity verification
 * (refused when they do not match), so a person sees every attempt made with their number.
 */
export async function matchPerson(db: Db, person: { idNumber: string; name: string }, reader: Actor | null): Promise<boolean> {
  const [record] = await db.select({ name: populationRecords.name }).from(populationRecords).where(eq(populationRecords.idNumber, person.idNumber));
  const matched = record !== undefined && record.name === person.name;
  const resource = await registerResource(db);
  await db
    .insert(dataAccessLog)
    .values({
      readerUserId: reader?.userId ?? null,
      readerRole: reader?.role ?? null,
      readerDepartmentId: reader?.departmentId ?? null,
      holderCode: person.idNumber,
      resourceId: resource?.id ?? null,
      certificateTypeCode: null,
      applicationId: null,
      purpose: "identityVerification",
      legalBasis: resource?.legalBasis ?? null,
      outcome: matched ? "allowed" : "refused",
      refusalReason: matched ? null : "sharing.refusal.identityMismatch",
      recordCount: matched ? 1 : 0,
    });
  return matched;
}

/** The reviewer keeps the register only when their department provides it. */
async function assertKeeper(db: Db, actor: Actor) {
  const resource = await registerResource(db);
  if (actor.role !== "reviewer" || !actor.departmentId || !resource || resource.provider !== actor.departmentId)
    throw new DomainError("forbidden", "errors.forbidden");
  return resource;
}

/** Whether the actor keeps the register (shows the page and its link). */
export async function keepsPopulationRegister(db: Db, actor: Actor): Promise<boolean> {
  return assertKeeper(db, actor).then(
    () => true,
    () => false,
  );
}

/**
 * Public security records a person (户籍登记): the register's record and the resident ID card,
 * signed by public security, in one transaction, audited. The ID number's date of birth and sex
 * digit must agree with what is entered; a number already recorded is a conflict.
 */
export async function addPopulationRecord(db: Db, actor: Actor, input: z.output<typeof ZAddPersonInput>, now: Date = new Date()) {
  await assertKeeper(db, actor);
  if (idNumberBirthDate(input.idNumber) !== input.birthDate)
    throw new DomainError("invalidInput", "sharing.population.errors.birthDate", { field: "birthDate" });
  if (idNumberSex(input.idNumber) !== input.sex) throw new DomainError("invalidInput", "sharing.population.errors.sex", { field: "sex" });
  if (input.householdDivisionCode.startsWith("13")) {
    const table = await loadDivisionTable(db);
    if (!table.has(input.householdDivisionCode))
      throw new DomainError("invalidInput", "sharing.population.errors.division", { field: "householdDivisionCode" });
  }
  return db.transaction(async (tx) => {
    const cardType = await idCardType(tx);
    // A record without its card would be a person the gate cannot show: the catalog must name the card.
    if (!cardType) throw new DomainError("unavailable", "sharing.population.errors.noIdCardType");
    const [row] = await tx
      .insert(populationRecords)
      .values({ ...input, recordedBy: actor.userId, recordedAt: now })
      .onConflictDoNothing()
      .returning({ idNumber: populationRecords.idNumber });
    if (!row) throw new DomainError("conflict", "sharing.population.errors.exists", { field: "idNumber" });
    const card = await issueCertificate(tx, {
      typeCode: cardType,
      holderCode: input.idNumber,
      holderName: input.name,
      answers: { sex: input.sex, birthDate: input.birthDate },
      sourceApplicationId: null,
      issuedOn: shanghaiDate(now),
    });
    await recordAudit<SharingAuditAction>(tx, {
      streamId: "population",
      actor: { userId: actor.userId, role: actor.role },
      action: "population.record",
      entityType: "person",
      // The audit log is read by staff: the masked number names the record well enough.
      entityId: maskIdNumber(input.idNumber),
      data: { certificate: card.number },
      at: now,
    });
    return { idNumberMasked: maskIdNumber(input.idNumber), certificateNumber: card.number };
  });
}

/** Recent records for the keeper's page, searchable by exact ID number or by name; numbers masked. */
export async function listPopulationRecords(db: Db, actor: Actor, input: z.output<typeof ZPopulationListInput>) {
  await assertKeeper(db, actor);
  const pageSize = 20;
  const filter = input.query
    ? or(eq(populationRecords.idNumber, input.query.toUpperCase()), ilike(populationRecords.name, `%${input.query.replace(/[%_\\]/g, "")}%`))
    : undefined;
  const [{ total }] = (await db.select({ total: count() }).from(populationRecords).where(filter)) as [{ total: number }];
  const rows = await db
    .select()
    .from(populationRecords)
    .where(and(filter))
    .orderBy(desc(populationRecords.recordedAt), populationRecords.idNumber)
    .limit(pageSize)
    .offset((input.page - 1) * pageSize);
  return {
    total,
    page: input.page,
    pageSize,
    records: rows.map((r) => ({
      idNumberMasked: maskIdNumber(r.idNumber),
      name: r.name,
      sex: r.sex,
      birthDate: r.birthDate,
      householdDivisionCode: r.householdDivisionCode,
      recordedAt: r.recordedAt,
      fromDataFile: r.recordedBy === null,
    })),
  };
}

/**
 * Loads people into the register from a data file (the demo's), with their resident ID cards.
 * Insert-or-nothing: a person already recorded keeps their record.
 */
export async function seedPopulationRegister(
  db: Db,
  people: ReadonlyArray<{ idNumber: string; name: string; sex: "male" | "female"; birthDate: string; householdDivisionCode: string }>,
  issuedOn: string,
): Promise<void> {
  if (people.length === 0) return;
  await db
    .insert(populationRecords)
    .values(people.map((p) => ({ ...p })))
    .onConflictDoNothing();
  const cardType = await idCardType(db);
  if (!cardType) return;
  for (const p of people)
    await issueUnlessHeld(db, { typeCode: cardType, holderCode: p.idNumber, holderName: p.name, answers: { sex: p.sex, birthDate: p.birthDate }, issuedOn });
}
