import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "../audit/hash";

/** What a department signs: every fact of the certificate that must not change after issue. */
export interface SignedFacts {
  number: string;
  typeCode: string;
  holderCode: string;
  holderName: string;
  issuerDepartmentCode: string;
  issuedOn: string;
  validUntil: string | null;
  fields: Record<string, string>;
}

/** The exact bytes signed: canonical JSON (keys sorted at every depth), UTF-8. */
export function signedBytes(facts: SignedFacts): Buffer {
  const { number, typeCode, holderCode, holderName, issuerDepartmentCode, issuedOn, validUntil, fields } = facts;
  return Buffer.from(canonicalJson({ v: 1, number, typeCode, holderCode, holderName, issuerDepartmentCode, issuedOn, validUntil, fields }), "utf8");
}

export function newSigningKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** Ed25519 signature, base64. */
export function signFacts(privateKey: KeyObject | string, facts: SignedFacts): string {
  return sign(null, signedBytes(facts), typeof privateKey === "string" ? createPrivateKey(privateKey) : privateKey).toString("base64");
}

/** A key's validity window: it signs from `validFrom` until `retiredAt` (exclusive; open while active). */
export interface KeyWindow {
  validFrom: Date;
  retiredAt: Date | null;
}

/**
 * Whether a signature made at `signedAt` counts under a key with this window: a retired key still
 * vouches for what it signed while valid, and for nothing signed before or after.
 */
export function signedInWindow(signedAt: Date | null, key: KeyWindow): boolean {
  if (!signedAt) return false;
  return signedAt.getTime() >= key.validFrom.getTime() && (key.retiredAt === null || signedAt.getTime() < key.retiredAt.getTime());
}

/** True only when the signature is well-formed and matches the facts under the public key. */
export function verifyFacts(publicKeyPem: string, facts: SignedFacts, signature: string): boolean {
  try {
    return verify(null, signedBytes(facts), createPublicKey(publicKeyPem), Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/**
 * The exact bytes a department signs on a case document (受理通知书, 补正告知书, 决定书, 办结通知):
 * canonical JSON under its own `purpose`, so a document's signature can never pass for a
 * certificate's, nor the other way round.
 */
export function documentSignedBytes(payload: Record<string, unknown>): Buffer {
  return Buffer.from(canonicalJson({ v: 1, purpose: "caseDocument", payload }), "utf8");
}

/** True only when the signature is well-formed and matches the document payload under the public key. */
export function verifyDocumentPayload(publicKeyPem: string, payload: Record<string, unknown>, signature: string): boolean {
  try {
    return verify(null, documentSignedBytes(payload), createPublicKey(publicKeyPem), Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
