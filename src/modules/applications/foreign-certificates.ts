import { eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { regionOfDivision, type RegionCode } from "@/lib/regions";
import type { Db } from "@/server/db/client";
import type { ApplicationPlan, PlanMaterial } from "../catalog/plan";
import { fetchForeignCertificates, type ExchangeClient, type ForeignCertificate } from "../exchange/client";
import { clientFromEnv } from "../exchange/from-env";
import { isPeerDown } from "../exchange/model";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { acceptsForeignCertificate, recognisedTypes } from "../recognition/recognition";
import { readCertificates } from "../sharing/gate";
import type { ApplicantIdentity } from "./applicant";
import type { ZMaterialSupply } from "./inputs";
import { holderDivision, type ForeignSupplyOutcome } from "./model";
import { foreignSupplies } from "./schema";

// 全程网办 (issue 14): an applicant of another region applies on this node, and the certificate
// materials this node's registry does not hold are asked of the applicant's region's node through
// the exchange, when the recognition matrix accepts that region's type for the service. A peer that
// refuses or is down is never "no certificate": the material is uploaded instead, and staff see the
// copy as not verified, with the reason.

/** What casework needs of the exchange: this node's client (its region, peers, breakers and limits). */
export interface CaseworkExchange {
  client: ExchangeClient;
}

/** A certificate material the applicant's region's node may supply. */
export interface ForeignCandidate {
  materialKey: string;
  materialNameZh: string;
  legalBasis: string;
  /** The service it is asked for (a bundle's material: the first service asking it). */
  serviceCode: string;
  localTypeCode: string;
  /** The type asked of the peer: the recognition matrix's foreign type for the local one. */
  foreignTypeCode: string;
}

/** How a material stands after the exchange was (or could not yet be) asked. */
export interface ForeignMaterial {
  /** The `foreign_supplies` row; null while the applicant has not consented (nothing was asked). */
  id: string | null;
  outcome: ForeignSupplyOutcome | "awaitingConsent";
  region: RegionCode;
  reason: string | null;
}

/** This process's exchange (REGION, PEERS): the routers hand it to the use cases. */
export function caseworkExchange(db: Db): CaseworkExchange {
  return { client: clientFromEnv(db) };
}

/** Whether the peer looks reachable now (its breaker closed): the form warns before anything is asked. */
export function peerReachable(exchange: CaseworkExchange, region: RegionCode, now: Date = new Date()): boolean {
  return !isPeerDown(exchange.client.peerState(region, now));
}

/** The region of another node the applicant belongs to, when it is a configured peer; otherwise null. */
export function foreignRegionOf(exchange: CaseworkExchange | undefined, who: Pick<ApplicantIdentity, "holderCode" | "kind">): RegionCode | null {
  if (!exchange) return null;
  const region = regionOfDivision(holderDivision(who.holderCode, who.kind));
  return region && exchange.client.knowsPeer(region) ? region : null;
}

/**
 * The certificate materials that the applicant's region's node may supply: asked as a
 * certificate (not uploaded or committed instead), and accepted by the recognition matrix for
 * every service asking it. A type outside the matrix is never asked for.
 */
export async function foreignCandidates(
  db: Db,
  region: RegionCode,
  input: { materials: readonly PlanMaterial[]; supplied: Record<string, z.infer<typeof ZMaterialSupply>>; today: string },
): Promise<ForeignCandidate[]> {
  const wanted = input.materials.filter(
    (m) => m.source === "certificate" && m.certificateType && (input.supplied[m.key]?.kind ?? "certificate") === "certificate" && m.serviceCodes.length > 0,
  );
  const matrix = new Map<string, Awaited<ReturnType<typeof recognisedTypes>>>();
  const recognisedFor = async (service: string) => {
    if (!matrix.has(service)) matrix.set(service, await recognisedTypes(db, service, region, input.today));
    return matrix.get(service)!;
  };
  const candidates: ForeignCandidate[] = [];
  for (const m of wanted) {
    let accepted: string[] | null = null;
    for (const service of m.serviceCodes) {
      const types = (await recognisedFor(service)).filter((r) => r.localTypeCode === m.certificateType).map((r) => r.foreignTypeCode);
      accepted = accepted === null ? types : accepted.filter((t) => types.includes(t));
    }
    const foreignTypeCode = accepted?.[0];
    if (!foreignTypeCode) continue;
    candidates.push({
      materialKey: m.key,
      materialNameZh: m.nameZh,
      legalBasis: m.legalBasis,
      serviceCode: m.serviceCodes[0]!,
      localTypeCode: m.certificateType!,
      foreignTypeCode,
    });
  }
  return candidates;
}

/** Free text for the wire: no control characters, at most 500 characters. */
function wireText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, 500);
}

function pick(c: ForeignCandidate, certificates: readonly ForeignCertificate[], holderCode: string, today: string) {
  const ofType = certificates.filter((x) => x.typeCode === c.foreignTypeCode && x.holderCode === holderCode);
  const usable = ofType.find((x) => x.status === "valid" && x.signatureValid && (x.validUntil === null || x.validUntil >= today));
  if (usable) return { certificate: usable, reason: null };
  const first = ofType[0];
  return {
    certificate: null,
    reason: !first ? "notFound" : !first.signatureValid ? "issuerSignatureInvalid" : first.status === "valid" ? "expired" : first.status,
  };
}

/**
 * Asks the applicant's region's node for the candidates this node's registry does not hold valid,
 * one request per service (its department asks, for the application's tracking number, with the
 * applicant's consent), and records each material's outcome in `foreign_supplies`, replacing an
 * earlier attempt. Runs outside the submission's transaction: the HTTP call must not hold the
 * application's lock, and the record of a read the peer made must stay even when the submission
 * then fails on another field. A certificate supplies the material only when it is the holder's,
 * valid today, its issuer's signature verified, and its type accepted by the matrix.
 */
export async function obtainForeignCertificates(
  db: Db,
  exchange: CaseworkExchange,
  input: {
    region: RegionCode;
    candidates: readonly ForeignCandidate[];
    plan: Pick<ApplicationPlan, "steps">;
    who: Pick<ApplicantIdentity, "holderCode">;
    reader: Actor;
    application: { id: string; trackingNumber: string };
    consentRef: string;
    today: string;
    now: Date;
  },
): Promise<Map<string, ForeignMaterial>> {
  const out = new Map<string, ForeignMaterial>();
  if (input.candidates.length === 0) return out;
  // What this node's own registry holds valid is taken from it, as for any applicant.
  const { certificates: held } = await readCertificates(db, input.reader, {
    holderCode: input.who.holderCode,
    typeCodes: [...new Set(input.candidates.map((c) => c.localTypeCode))],
    purpose: { kind: "own", use: "submission", applicationId: input.application.id },
    today: input.today,
  });
  const heldValid = new Set(held.filter((c) => c.status === "valid").map((c) => c.typeCode));
  const asked = input.candidates.filter((c) => !heldValid.has(c.localTypeCode));
  if (asked.length === 0) return out;

  const departmentIds = [...new Set(input.plan.steps.map((s) => s.departmentId))];
  const depts = await db.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.id, departmentIds));
  const rows: Array<typeof foreignSupplies.$inferInsert> = [];
  for (const serviceCode of [...new Set(asked.map((c) => c.serviceCode))]) {
    const group = asked.filter((c) => c.serviceCode === serviceCode);
    const step = input.plan.steps.find((s) => s.serviceCode === serviceCode);
    // The service's own department asks (acceptance may later route the step to a competent body).
    const department = depts.find((d) => d.id === (step?.serviceDepartmentId ?? step?.departmentId));
    if (!step || !department) continue;
    const result = await fetchForeignCertificates(
      db,
      exchange.client,
      {
        reader: { departmentId: department.id, departmentCode: department.code, userId: null, role: null },
        peerRegion: input.region,
        serviceCode,
        applicationId: input.application.id,
        applicationRef: input.application.trackingNumber,
        purpose: wireText(
          `办理“${step.serviceNameZh}”（办件编号 ${input.application.trackingNumber}）：核验申请材料${group.map((c) => `“${c.materialNameZh}”`).join("、")}`,
        ),
        legalBasis: wireText([...new Set(group.map((c) => c.legalBasis))].join("；")),
        consentRef: input.consentRef,
        holderCode: input.who.holderCode,
        typeCodes: [...new Set(group.map((c) => c.foreignTypeCode))],
      },
      input.now,
    );
    for (const c of group) {
      const base = {
        applicationId: input.application.id,
        materialKey: c.materialKey,
        peerRegion: input.region,
        typeCode: c.foreignTypeCode,
        requestedAt: input.now,
      };
      if (result.status !== "answered") {
        rows.push({ ...base, outcome: result.status, reason: result.status === "refused" ? result.code : result.reason });
        continue;
      }
      const { certificate, reason } = pick(c, result.certificates, input.who.holderCode, input.today);
      // The matrix is asked again for the answer's type: a type it does not accept is not taken.
      const accepted =
        certificate &&
        (await acceptsForeignCertificate(db, { service: serviceCode, region: input.region, certificateType: certificate.typeCode }, input.today));
      if (!certificate || !accepted) {
        rows.push({ ...base, outcome: "notHeld", reason: reason ?? "notRecognised" });
        continue;
      }
      const { region: _region, signatureValid, ...received } = certificate;
      rows.push({
        ...base,
        outcome: "supplied",
        reason: null,
        certificateNumber: certificate.number,
        issuerDepartmentCode: certificate.issuerDepartmentCode,
        issuerNameZh: certificate.issuerNameZh,
        issuerNameEn: certificate.issuerNameEn,
        issuedOn: certificate.issuedOn,
        validUntil: certificate.validUntil,
        signatureValid,
        certificate: received,
      });
    }
  }
  if (rows.length === 0) return out;
  const written = await db.transaction((tx) =>
    tx
      .insert(foreignSupplies)
      .values(rows)
      .onConflictDoUpdate({
        target: [foreignSupplies.applicationId, foreignSupplies.materialKey],
        set: {
          peerRegion: sql`excluded.peer_region`,
          typeCode: sql`excluded.type_code`,
          outcome: sql`excluded.outcome`,
          reason: sql`excluded.reason`,
          certificateNumber: sql`excluded.certificate_number`,
          issuerDepartmentCode: sql`excluded.issuer_department_code`,
          issuerNameZh: sql`excluded.issuer_name_zh`,
          issuerNameEn: sql`excluded.issuer_name_en`,
          issuedOn: sql`excluded.issued_on`,
          validUntil: sql`excluded.valid_until`,
          signatureValid: sql`excluded.signature_valid`,
          certificate: sql`excluded.certificate`,
          requestedAt: sql`excluded.requested_at`,
        },
      })
      .returning({ id: foreignSupplies.id, materialKey: foreignSupplies.materialKey, outcome: foreignSupplies.outcome, reason: foreignSupplies.reason }),
  );
  for (const r of written) out.set(r.materialKey, { id: r.id, outcome: r.outcome, region: input.region, reason: r.reason });
  return out;
}

/** The exchange's record of an application's materials, for the case and task pages. */
export async function foreignSuppliesOf(db: Db, applicationId: string) {
  return db.select().from(foreignSupplies).where(eq(foreignSupplies.applicationId, applicationId));
}
