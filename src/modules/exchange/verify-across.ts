import { isRegionCode, regions } from "@/lib/regions";
import type { Db } from "@/server/db/client";
import { maskIdNumber } from "../identity/id-number";
import type { Actor } from "../identity/model";
import { maskPersonName, type VerificationView } from "../sharing/gate";
import { isPersonHolderCode } from "../sharing/model";
import { callProvider, localRegistryProvider, type CertificateProvider, type ProviderAnswer, type VerifiedThrough } from "../sharing/providers";
import { signedInWindow, verifyFacts } from "../sharing/signing";
import type { ExchangeClient } from "./client";
import { DepartmentKeysUnavailable, type DepartmentKeyDirectory } from "./department-keys";
import type { ExchangeNode } from "./node";
import type { DepartmentKey, VerificationResponse } from "./protocol";
import { exchangeLog } from "./schema";

// Cross-region verification (issue 14): `/verify/<number>` on any node verifies a certificate
// issued in another region through that region's node. The local registry first; when the number
// is not there, the region named in the link (`?region=beijing`) — or, without one, every peer,
// in parallel — is asked with a signed `verificationRequest`, and the issuer's signature in the
// answer is checked against that node's published department keys. A peer that cannot be reached
// is shown as such, never as "not found".

/** How many peers one verification asks at most, in parallel, when the link names no region. */
export const maxPeersAsked = 30;

export function regionNames(code: string): { nameZh: string; nameEn: string } {
  return isRegionCode(code) ? { nameZh: regions[code].nameZh, nameEn: regions[code].nameEn } : { nameZh: code, nameEn: code };
}

type Signed = NonNullable<VerificationResponse["certificate"]>["signed"];

/** The issuer's signature, checked against the key the issuing node publishes for that department (not the key the answer carries). */
export function checkIssuerSignature(signed: Signed, published: readonly DepartmentKey[]): VerificationView["signature"] {
  const signedAt = signed.signedAt ? new Date(signed.signedAt) : null;
  const keyId = signed.issuerKey?.keyId ?? null;
  const key = published.find((k) => k.keyId === keyId && k.departmentCode === signed.issuerDepartmentCode);
  const inKeyWindow = key ? signedInWindow(signedAt, { validFrom: new Date(key.validFrom), retiredAt: key.retiredAt ? new Date(key.retiredAt) : null }) : false;
  const valid = Boolean(key && signed.signature && inKeyWindow && verifyFacts(key.publicKey, signed, signed.signature));
  return { present: Boolean(signed.signature), valid, keyId, signedAt, inKeyWindow };
}

/** A peer region's node as a certificate provider: the exchange client, the node's published department keys, the exchange log. */
export function peerNodeProvider(db: Db, client: ExchangeClient, departmentKeys: DepartmentKeyDirectory, region: string): CertificateProvider {
  const names = regionNames(region);
  const through: VerifiedThrough = { kind: "peer", code: region, ...names };
  return {
    id: `peer:${region}`,
    kind: "peer",
    async verify(number, now) {
      const started = Date.now();
      const result = await client.requestVerification(region, number, now);
      const answer = await judge(result, number, departmentKeys, region, through);
      await db
        .insert(exchangeLog)
        .values({
          at: now,
          direction: "outgoing",
          peerRegion: region,
          nonce: result.nonce,
          purpose: "publicVerification",
          outcome: result.status,
          reason: result.status === "refused" ? result.code : result.status === "down" ? result.reason : answer.status === "down" ? answer.reason : null,
          certificateCount: answer.status === "found" ? 1 : 0,
          durationMs: Date.now() - started,
        });
      return answer;
    },
  };
}

async function judge(
  result: Awaited<ReturnType<ExchangeClient["requestVerification"]>>,
  number: string,
  departmentKeys: DepartmentKeyDirectory,
  region: string,
  through: VerifiedThrough,
): Promise<ProviderAnswer> {
  if (result.status === "down") return { status: "down", reason: result.reason };
  if (result.status === "refused") return { status: "down", reason: "refused", detail: result.code };
  const found = result.certificate;
  if (!found) return { status: "notFound" };
  const { view, signed } = found;
  if (view.number !== number || signed.number !== number) return { status: "down", reason: "garbage" };
  let signature: VerificationView["signature"];
  try {
    signature = checkIssuerSignature(signed, await departmentKeys.keys(region));
    if (!signature.inKeyWindow && signed.issuerKey) signature = checkIssuerSignature(signed, await departmentKeys.keys(region, { fresh: true }));
  } catch (e) {
    if (e instanceof DepartmentKeysUnavailable) return { status: "down", reason: "keysUnavailable" };
    throw e;
  }
  // What the holder is shown as comes from the signed facts, masked here as the local page masks it.
  const isPerson = isPersonHolderCode(signed.holderCode);
  return {
    status: "found",
    through,
    view: {
      number: signed.number,
      typeNameZh: view.typeNameZh,
      typeNameEn: view.typeNameEn,
      issuerNameZh: view.issuerNameZh,
      issuerNameEn: view.issuerNameEn,
      holderName: isPerson ? maskPersonName(signed.holderName) : signed.holderName,
      holderCodeShown: isPerson ? maskIdNumber(signed.holderCode) : signed.holderCode,
      holderIsPerson: isPerson,
      issuedOn: signed.issuedOn,
      validUntil: signed.validUntil,
      status: view.status,
      revokedAt: view.revokedAt ? new Date(view.revokedAt) : null,
      revocationReason: view.revocationReason,
      supersededByNumber: view.supersededByNumber,
      fields: isPerson ? [] : view.fields,
      signature,
    },
  };
}

export type AcrossResult =
  | { status: "found"; view: VerificationView; through: VerifiedThrough | null }
  | { status: "notFound" }
  | { status: "unavailable"; unreachable: VerifiedThrough[] };

export interface AcrossDeps {
  node: ExchangeNode;
  client: ExchangeClient;
  departmentKeys: DepartmentKeyDirectory;
  /** The configured peer regions (asked when the link names none). */
  peerRegions: readonly string[];
  /** Departments' own systems, asked alongside the peers. */
  departmentSystems?: readonly CertificateProvider[];
}

/**
 * Verifies a certificate number on this node or through the providers that may hold it. Every
 * call records its provider's health. `region`: the issuing region the link names (from the QR
 * code of a printed certificate), or null.
 */
export async function verifyAcrossRegions(
  db: Db,
  deps: AcrossDeps,
  input: { number: string; region: string | null; reader: Actor | null },
  now: Date = new Date(),
): Promise<AcrossResult> {
  const local = await callProvider(db, localRegistryProvider(db, input.reader), input.number, now);
  if (local.status === "found") return { status: "found", view: local.view, through: null };
  const asked =
    input.region === null
      ? deps.peerRegions.filter((r) => r !== deps.node.region).slice(0, maxPeersAsked)
      : input.region !== deps.node.region && deps.node.peers.url(input.region)
        ? [input.region]
        : [];
  const providers = [...asked.map((r) => peerNodeProvider(db, deps.client, deps.departmentKeys, r)), ...(deps.departmentSystems ?? [])];
  const answers = await Promise.all(providers.map(async (p) => ({ p, answer: await callProvider(db, p, input.number, now) })));
  for (const { answer } of answers) if (answer.status === "found") return { status: "found", view: answer.view, through: answer.through };
  const down = answers.filter((a) => a.answer.status === "down");
  if (down.length === 0) return { status: "notFound" };
  return {
    status: "unavailable",
    unreachable: down.map(({ p }) => {
      const [kind, code = p.id] = p.id.split(":");
      return kind === "peer" ? { kind: "peer" as const, code, ...regionNames(code) } : { kind: "department" as const, code, nameZh: code, nameEn: code };
    }),
  };
}
