import type { Db } from "@/server/db/client";
import { log } from "@/server/log";
import { shanghaiDate } from "@/lib/dates";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { readCertificates, type HeldCertificate } from "../sharing/gate";
import { applicantIdentity } from "./applicant";
import { foreignCandidates, foreignRegionOf, peerReachable, type CaseworkExchange } from "./foreign-certificates";
import { registryFilledFields } from "./model";
import { inArray } from "drizzle-orm";

/**
 * For the form: which certificate materials government already holds for this applicant, with
 * issuer and validity, and which are missing, expired or revoked. When the registry cannot be
 * read the form says so and lets the applicant upload instead. Form fields a held certificate
 * already states (`registryFilledFields`) come filled, with their source. 全程网办: for an applicant
 * of a peer region, the certificates the recognition matrix accepts from that region are shown as
 * to be obtained from its node at submission (`obtainFrom`), or its node as unreachable now.
 */
export async function prefillCertificates(
  db: Db,
  actor: Actor,
  subject: { kind: "service" | "bundle"; code: string },
  now: Date = new Date(),
  exchange?: CaseworkExchange,
) {
  const who = await applicantIdentity(db, actor);
  const plan = await loadApplicationPlan(db, subject);
  const typeCodes = [...new Set(plan.materials.flatMap((m) => (m.source === "certificate" && m.certificateType ? [m.certificateType] : [])))];
  const types = typeCodes.length ? await db.select().from(certificateTypes).where(inArray(certificateTypes.code, typeCodes)) : [];
  let held: HeldCertificate[] = [];
  let registryAvailable = true;
  try {
    ({ certificates: held } = await readCertificates(db, actor, {
      holderCode: who.holderCode,
      typeCodes,
      purpose: { kind: "own", use: "prefill" },
      today: shanghaiDate(now),
    }));
  } catch (error) {
    log.error({ err: error }, "certificate registry unavailable");
    registryAvailable = false;
  }
  const byType = new Map(held.map((c) => [c.typeCode, c]));
  const region = foreignRegionOf(exchange, who);
  const fromPeer =
    exchange && region
      ? new Set(
          (await foreignCandidates(db, region, { materials: plan.materials.filter((m) => m.stage === 1), supplied: {}, today: shanghaiDate(now) })).map(
            (c) => c.localTypeCode,
          ),
        )
      : new Set<string>();
  const obtainFrom = exchange && region ? { region, reachable: peerReachable(exchange, region, now) } : null;
  return {
    registryAvailable,
    applicant: { kind: who.kind, name: who.name },
    registryFields: registryFilledFields(
      plan.materials.filter((m) => m.stage === 1),
      held,
      plan.steps.map((s) => s.issuesCertificateType),
    ),
    certificates: types.map((t) => {
      const c = byType.get(t.code);
      return {
        typeCode: t.code,
        typeNameZh: t.nameZh,
        typeNameEn: t.nameEn,
        status: c ? c.status : ("missing" as const),
        number: c?.number ?? null,
        issuerNameZh: c?.issuerNameZh ?? null,
        issuerNameEn: c?.issuerNameEn ?? null,
        validUntil: c?.validUntil ?? null,
        /** Not held valid here, and the applicant's region's node may supply it at submission. */
        obtainFrom: c?.status !== "valid" && fromPeer.has(t.code) ? obtainFrom : null,
      };
    }),
  };
}
