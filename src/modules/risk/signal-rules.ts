import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { grantedApplicationStatuses } from "../applications/model";
import { applicationMaterials, applications } from "../applications/schema";
import { certificateTypes } from "../catalog/schema";
import { addMonths, isCurrentRecord } from "../credit/model";
import { creditRecords } from "../credit/schema";
import { divisions } from "../divisions/schema";
import { maskIdNumber } from "../identity/id-number";
import { entities } from "../identity/schema";
import { businessRegistrations, enterpriseNames } from "../registration/schema";
import { revokedEntityCertificates, type RevokedCertificateFacts } from "../sharing/licence-facts";
import {
  brokenCommitmentThreshold,
  brokenCommitmentWindowMonths,
  imitatesName,
  nameCore,
  newEntityDays,
  normaliseAddress,
  sharedAddressThreshold,
  type RiskEvidence,
  type SignalFinding,
} from "./model";

// The rules of the supervision model over the shared data (docs/risk-classes.md). Each returns
// what it found; `recomputeSignals` keeps them. Reads only: registration's entities, addresses,
// legal representatives and shareholders; credit records; the public facts of revoked
// certificates; approved applications' materials.

const dayMs = 86_400_000;

interface Entity {
  code: string;
  name: string;
  createdAt: Date;
  live: boolean;
  deregisteredAt: Date | null;
}

/** A person's link to an entity: as its legal representative or as a shareholder. */
interface Link {
  idNumber: string;
  name: string;
  entityCode: string;
  role: "legalRepresentative" | "shareholder";
}

const entityEvidence = (e: { code: string; name: string }): RiskEvidence => ({ kind: "entity", ref: e.code, label: e.name });

async function loadEntities(db: Db): Promise<Map<string, Entity>> {
  const rows = await db
    .select({ code: entities.creditCode, name: entities.name, createdAt: entities.createdAt, deregisteredAt: entities.deregisteredAt })
    .from(entities);
  return new Map(rows.map((r) => [r.code, { ...r, live: r.deregisteredAt === null }]));
}

async function loadLinks(db: Db): Promise<Link[]> {
  const reps = await db
    .select({ code: entities.creditCode, name: entities.legalRepresentative, idNumber: entities.legalRepresentativeIdNumber })
    .from(entities)
    .where(isNotNull(entities.legalRepresentativeIdNumber));
  const regs = await db
    .select({
      code: businessRegistrations.creditCode,
      repName: businessRegistrations.legalRepresentativeName,
      repId: businessRegistrations.legalRepresentativeIdNumber,
      shareholders: businessRegistrations.shareholders,
    })
    .from(businessRegistrations)
    .where(isNotNull(businessRegistrations.creditCode));
  const links: Link[] = reps.flatMap((r) =>
    r.idNumber ? [{ idNumber: r.idNumber, name: r.name, entityCode: r.code, role: "legalRepresentative" as const }] : [],
  );
  for (const r of regs) {
    if (!r.code) continue;
    links.push({ idNumber: r.repId, name: r.repName, entityCode: r.code, role: "legalRepresentative" });
    for (const s of r.shareholders) links.push({ idNumber: s.idNumber, name: s.name, entityCode: r.code, role: "shareholder" });
  }
  const seen = new Set<string>();
  return links.filter((l) => {
    const k = `${l.idNumber}|${l.entityCode}|${l.role}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** (a) Many live entities registered at one address (registration's registered addresses). */
async function sharedAddress(db: Db, ents: Map<string, Entity>): Promise<SignalFinding[]> {
  const regs = await db
    .select({ code: businessRegistrations.creditCode, divisionCode: businessRegistrations.divisionCode, address: businessRegistrations.streetAddress })
    .from(businessRegistrations)
    .where(isNotNull(businessRegistrations.creditCode));
  const groups = new Map<string, Array<{ code: string; address: string }>>();
  for (const r of regs) {
    if (!r.code || !ents.get(r.code)?.live) continue;
    const key = `${r.divisionCode}:${normaliseAddress(r.address)}`;
    groups.set(key, [...(groups.get(key) ?? []), { code: r.code, address: r.address }]);
  }
  const found: SignalFinding[] = [];
  for (const [key, members] of groups) {
    const codes = [...new Set(members.map((m) => m.code))].sort();
    if (codes.length < sharedAddressThreshold) continue;
    for (const code of codes) {
      const e = ents.get(code)!;
      found.push({
        rule: "sharedAddress",
        subjectCode: code,
        subjectName: e.name,
        key,
        params: { count: codes.length, threshold: sharedAddressThreshold, address: members[0]!.address },
        evidence: [{ kind: "address", ref: key, label: members[0]!.address }, ...codes.filter((c) => c !== code).map((c) => entityEvidence(ents.get(c)!))],
      });
    }
  }
  return found;
}

/** Revoked certificates that count against their holder: not those revoked by its deregistration. */
function wrongdoingRevocations(revoked: readonly RevokedCertificateFacts[], ents: Map<string, Entity>): RevokedCertificateFacts[] {
  return revoked.filter((c) => {
    const gone = ents.get(c.holderCode)?.deregisteredAt;
    return !gone || Math.abs(gone.getTime() - c.revokedAt.getTime()) > 60_000;
  });
}

/**
 * (b) A legal representative or shareholder of the entity is also one of an entity on a
 * dishonesty list or with a revoked licence, or is on a dishonesty list themself.
 */
async function linkedDishonesty(db: Db, ents: Map<string, Entity>, revoked: readonly RevokedCertificateFacts[], today: string): Promise<SignalFinding[]> {
  const links = await loadLinks(db);
  const listings = await db
    .select({
      id: creditRecords.id,
      code: creditRecords.subjectCode,
      kind: creditRecords.subjectKind,
      name: creditRecords.subjectName,
      title: creditRecords.title,
      validUntil: creditRecords.validUntil,
      status: creditRecords.status,
    })
    .from(creditRecords)
    .where(eq(creditRecords.kind, "dishonestyList"));
  const inForce = listings.filter((l) => isCurrentRecord(l.status) && (l.validUntil === null || l.validUntil >= today));
  const listedEntities = new Map<string, typeof inForce>();
  const listedPeople = new Map<string, typeof inForce>();
  for (const l of inForce) {
    const m = l.kind === "entity" ? listedEntities : listedPeople;
    m.set(l.code, [...(m.get(l.code) ?? []), l]);
  }
  const revokedBy = new Map<string, RevokedCertificateFacts[]>();
  for (const c of wrongdoingRevocations(revoked, ents)) revokedBy.set(c.holderCode, [...(revokedBy.get(c.holderCode) ?? []), c]);
  const byPerson = new Map<string, Link[]>();
  for (const l of links) byPerson.set(l.idNumber, [...(byPerson.get(l.idNumber) ?? []), l]);
  const nameOf = (code: string, fallback: string) => ents.get(code)?.name ?? fallback;

  const found: SignalFinding[] = [];
  for (const link of links) {
    const subject = ents.get(link.entityCode);
    if (!subject?.live) continue;
    const person: RiskEvidence = { kind: "person", ref: maskIdNumber(link.idNumber), label: `${link.name}（${maskIdNumber(link.idNumber)}）` };
    // The person themself on a dishonesty list.
    const own = listedPeople.get(link.idNumber);
    if (own?.length) {
      found.push({
        rule: "linkedDishonesty",
        subjectCode: subject.code,
        subjectName: subject.name,
        key: `${link.role}:listed:${own.map((r) => r.id).sort()[0]}`,
        params: { role: link.role, person: link.name, personId: maskIdNumber(link.idNumber), other: link.name, reason: "personListed", otherRole: link.role },
        evidence: [person, ...own.map((r) => ({ kind: "creditRecord" as const, ref: r.id, label: r.title }))],
      });
    }
    for (const other of byPerson.get(link.idNumber) ?? []) {
      if (other.entityCode === link.entityCode) continue;
      const listed = listedEntities.get(other.entityCode) ?? [];
      const revokedThere = revokedBy.get(other.entityCode) ?? [];
      if (listed.length === 0 && revokedThere.length === 0) continue;
      const otherName = nameOf(other.entityCode, listed[0]?.name ?? revokedThere[0]?.holderName ?? other.entityCode);
      found.push({
        rule: "linkedDishonesty",
        subjectCode: subject.code,
        subjectName: subject.name,
        key: `${link.role}:${other.role}:${other.entityCode}`,
        params: {
          role: link.role,
          person: link.name,
          personId: maskIdNumber(link.idNumber),
          otherRole: other.role,
          other: otherName,
          reason: listed.length > 0 ? "entityListed" : "licenceRevoked",
        },
        evidence: [
          person,
          entityEvidence({ code: other.entityCode, name: otherName }),
          ...listed.map((r) => ({ kind: "creditRecord" as const, ref: r.id, label: r.title })),
          ...revokedThere.map((c) => ({ kind: "certificate" as const, ref: c.number, label: c.revocationReason ?? c.number })),
        ],
      });
    }
  }
  return found;
}

/** (c) Two or more broken commitments in the last 3 years. */
async function repeatedBrokenCommitments(db: Db, ents: Map<string, Entity>, today: string): Promise<SignalFinding[]> {
  const since = addMonths(today, -brokenCommitmentWindowMonths);
  const rows = await db
    .select({
      id: creditRecords.id,
      code: creditRecords.subjectCode,
      name: creditRecords.subjectName,
      title: creditRecords.title,
      decidedOn: creditRecords.decidedOn,
      status: creditRecords.status,
    })
    .from(creditRecords)
    .where(and(eq(creditRecords.kind, "brokenCommitment"), eq(creditRecords.subjectKind, "entity")))
    .orderBy(creditRecords.decidedOn, creditRecords.id);
  const bySubject = new Map<string, typeof rows>();
  for (const r of rows)
    if (isCurrentRecord(r.status) && r.decidedOn >= since && r.decidedOn <= today) bySubject.set(r.code, [...(bySubject.get(r.code) ?? []), r]);
  const found: SignalFinding[] = [];
  for (const [code, records] of bySubject) {
    if (records.length < brokenCommitmentThreshold || ents.get(code)?.live === false) continue;
    found.push({
      rule: "repeatedBrokenCommitments",
      subjectCode: code,
      subjectName: ents.get(code)?.name ?? records[0]!.name,
      key: "",
      params: { count: records.length, threshold: brokenCommitmentThreshold, years: brokenCommitmentWindowMonths / 12 },
      evidence: records.map((r) => ({ kind: "creditRecord" as const, ref: r.id, label: `${r.decidedOn} ${r.title}` })),
    });
  }
  return found;
}

/** (d) A certificate revoked after an approval relied on it (an application's material referred to it). */
async function revokedAfterUse(db: Db, ents: Map<string, Entity>, revoked: readonly RevokedCertificateFacts[]): Promise<SignalFinding[]> {
  const counting = wrongdoingRevocations(revoked, ents);
  if (counting.length === 0) return [];
  const byId = new Map(counting.map((c) => [c.id, c]));
  const uses = await db
    .select({
      certificateId: applicationMaterials.certificateId,
      applicationId: applications.id,
      trackingNumber: applications.trackingNumber,
      holderCode: applications.holderCode,
      titleZh: applications.titleZh,
      decidedAt: applications.decidedAt,
    })
    .from(applicationMaterials)
    .innerJoin(applications, eq(applications.id, applicationMaterials.applicationId))
    .where(and(inArray(applicationMaterials.certificateId, [...byId.keys()]), inArray(applications.status, [...grantedApplicationStatuses])));
  const types = await db.select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh, nameEn: certificateTypes.nameEn }).from(certificateTypes);
  const typeOf = new Map(types.map((t) => [t.code, t]));
  const found: SignalFinding[] = [];
  for (const u of uses) {
    const c = u.certificateId ? byId.get(u.certificateId) : undefined;
    if (!c || !u.decidedAt || u.decidedAt.getTime() >= c.revokedAt.getTime()) continue;
    const subject = ents.get(u.holderCode);
    if (!subject?.live) continue;
    const type = typeOf.get(c.typeCode);
    found.push({
      rule: "revokedAfterUse",
      subjectCode: subject.code,
      subjectName: subject.name,
      key: `${c.number}:${u.applicationId}`,
      params: {
        certificate: c.number,
        typeZh: type?.nameZh ?? c.typeCode,
        typeEn: type?.nameEn ?? c.typeCode,
        application: u.trackingNumber ?? u.applicationId,
        revokedOn: shanghaiDate(c.revokedAt),
        approvedOn: shanghaiDate(u.decidedAt),
      },
      evidence: [
        { kind: "certificate", ref: c.number, label: c.revocationReason ?? c.number },
        { kind: "application", ref: u.trackingNumber ?? u.applicationId, label: u.titleZh },
      ],
    });
  }
  return found;
}

/** (e) A new entity whose name's core closely imitates an older registered one's (docs/risk-classes.md). */
async function imitatedName(db: Db, ents: Map<string, Entity>, now: Date): Promise<SignalFinding[]> {
  const divisionNames = (await db.select({ nameZh: divisions.nameZh }).from(divisions)).map((d) => d.nameZh);
  const registered = await db
    .select({ fullName: enterpriseNames.fullName, entityId: enterpriseNames.entityId, createdAt: enterpriseNames.createdAt, code: entities.creditCode })
    .from(enterpriseNames)
    .innerJoin(entities, eq(entities.id, enterpriseNames.entityId))
    .where(eq(enterpriseNames.status, "registered"));
  const listed = [
    ...[...ents.values()].map((e) => ({ code: e.code, name: e.name, createdAt: e.createdAt })),
    ...registered.map((r) => ({ code: r.code, name: r.fullName, createdAt: r.createdAt })),
  ].map((l) => ({ ...l, core: nameCore(l.name, divisionNames) }));
  const found: SignalFinding[] = [];
  for (const e of ents.values()) {
    if (!e.live || now.getTime() - e.createdAt.getTime() > newEntityDays * dayMs) continue;
    const core = nameCore(e.name, divisionNames);
    const seen = new Set<string>();
    for (const l of listed) {
      // Older names of other entities only; one signal per imitated entity.
      if (l.code === e.code || l.createdAt.getTime() >= e.createdAt.getTime() || seen.has(l.code)) continue;
      const { similar, score } = imitatesName(core, l.core);
      if (!similar) continue;
      seen.add(l.code);
      found.push({
        rule: "imitatedName",
        subjectCode: e.code,
        subjectName: e.name,
        key: l.code,
        params: { other: l.name, core, otherCore: l.core, similarity: Math.round(score * 100) / 100 },
        evidence: [entityEvidence({ code: l.code, name: l.name })],
      });
    }
  }
  return found;
}

/** Every rule's findings on `now`, in a stable order. */
export async function findSignals(db: Db, now: Date): Promise<SignalFinding[]> {
  const today = shanghaiDate(now);
  const ents = await loadEntities(db);
  const revoked = await revokedEntityCertificates(db);
  const all = [
    ...(await sharedAddress(db, ents)),
    ...(await linkedDishonesty(db, ents, revoked, today)),
    ...(await repeatedBrokenCommitments(db, ents, today)),
    ...(await revokedAfterUse(db, ents, revoked)),
    ...(await imitatedName(db, ents, now)),
  ];
  // One finding per (rule, subject, key): the first wins (a link found twice is one signal).
  const unique = new Map<string, SignalFinding>();
  for (const f of all) {
    const k = `${f.rule}|${f.subjectCode}|${f.key}`;
    if (!unique.has(k)) unique.set(k, f);
  }
  return [...unique.values()];
}
