import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../audit/hash";
import { certificateStatuses } from "../sharing/model";
import { jointDecisionOutcomes, protocolVersion, refusalCodes } from "./model";

// The exchange protocol's messages (issue 14): what a node asks a peer, what it answers, how both
// are made into bytes and signed. A message on the wire is canonical JSON (keys sorted at every
// depth, no whitespace, UTF-8) of `{ keyId, payload, signature }`; the signature is Ed25519 over
// the canonical JSON of `{ keyId, payload }`, by the sending node's key `keyId`. A receiver accepts only the
// canonical form, so every byte of a message is either signed or checked.

const code = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/);
const regionCode = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/);
/** Free text a person wrote (a purpose, a legal basis): bounded, no control characters. */
const text = z
  .string()
  .min(1)
  .max(500)
  .regex(/^[^\p{Cc}]+$/u);
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const nonce = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);
/** A credit code or a resident ID number. */
const holderCode = z.string().regex(/^[0-9A-Z]{18}$/);

export const ZCertificateRequest = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("certificateRequest"),
  from: z.strictObject({ region: regionCode, department: code }),
  to: regionCode,
  /** The service of the asking region's catalog, and its application (tracking number or id). */
  service: code,
  application: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  purpose: text,
  legalBasis: text,
  /** The holder's consent reference (the consent record at the asking node). */
  consent: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/),
  holder: holderCode,
  types: z.array(code).min(1).max(20),
  timestamp: isoInstant,
  nonce,
});
export type CertificateRequest = z.infer<typeof ZCertificateRequest>;

const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const pem = z
  .string()
  .max(400)
  .regex(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/);

export const ZPeerCertificate = z.strictObject({
  number: z.string().min(1).max(64),
  typeCode: code,
  holderCode,
  holderName: z.string().min(1).max(200),
  issuerDepartmentCode: code,
  issuerNameZh: z.string().max(200),
  issuerNameEn: z.string().max(200),
  issuedOn: dateText,
  validUntil: dateText.nullable(),
  status: z.enum(certificateStatuses),
  fields: z.record(z.string().max(64), z.string().max(2000)).refine((f) => Object.keys(f).length <= 100),
  signature: z.string().max(200).nullable(),
  signedAt: isoInstant.nullable(),
  issuerKey: z.strictObject({ keyId: z.uuid(), publicKey: pem, validFrom: isoInstant, retiredAt: isoInstant.nullable() }).nullable(),
});

export const ZCertificateResponse = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("certificateResponse"),
  from: regionCode,
  to: regionCode,
  inReplyTo: nonce,
  timestamp: isoInstant,
  certificates: z.array(ZPeerCertificate).max(20),
});
export type CertificateResponse = z.infer<typeof ZCertificateResponse>;

export const ZRefusal = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("refusal"),
  from: regionCode,
  /** Null when the request could not be read far enough to know. */
  inReplyTo: nonce.nullable(),
  code: z.enum(refusalCodes),
  timestamp: isoInstant,
});
export type Refusal = z.infer<typeof ZRefusal>;

/** A number must look like a certificate number to be asked about (the verify page's own bound). */
const certificateNumber = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

/**
 * A public verification asked of the issuing region's node (`POST /api/exchange/verifications`):
 * whoever holds a printed certificate from that region opens `/verify/<number>` on this node.
 * Nothing of a holder is asked; the answer is the public view anyone gets on the issuing node.
 */
export const ZVerificationRequest = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("verificationRequest"),
  from: regionCode,
  to: regionCode,
  number: certificateNumber,
  timestamp: isoInstant,
  nonce,
});
export type VerificationRequest = z.infer<typeof ZVerificationRequest>;

const shownField = z.strictObject({
  key: z.string().min(1).max(64),
  nameZh: z.string().max(200),
  nameEn: z.string().max(200),
  valueZh: z.string().max(2000),
  valueEn: z.string().max(2000),
});

/** The issuing node's public view of the certificate (masked as its own verify page shows it). */
export const ZPublicView = z.strictObject({
  number: z.string().min(1).max(64),
  typeNameZh: z.string().max(200),
  typeNameEn: z.string().max(200),
  issuerNameZh: z.string().max(200),
  issuerNameEn: z.string().max(200),
  holderName: z.string().min(1).max(200),
  holderCodeShown: z.string().min(1).max(32),
  holderIsPerson: z.boolean(),
  issuedOn: dateText,
  validUntil: dateText.nullable(),
  status: z.enum(certificateStatuses),
  revokedAt: isoInstant.nullable(),
  revocationReason: z.string().max(1000).nullable(),
  supersededByNumber: z.string().max(64).nullable(),
  fields: z.array(shownField).max(100),
});
export type PublicView = z.infer<typeof ZPublicView>;

/**
 * The answer: `certificate` null when the issuing node has no certificate with that number; else
 * its public view and the facts as the issuer signed them (signature, issuer key), which the
 * asking node checks against the issuing node's published department keys.
 */
export const ZVerificationResponse = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("verificationResponse"),
  from: regionCode,
  to: regionCode,
  inReplyTo: nonce,
  timestamp: isoInstant,
  certificate: z.strictObject({ view: ZPublicView, signed: ZPeerCertificate }).nullable(),
});
export type VerificationResponse = z.infer<typeof ZVerificationResponse>;

/** An application's reference on the lead node (its tracking number) and a step of its plan. */
const applicationRef = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * 多地联办: the lead node (where the applicant applied for a bundle) sends the part of the bundle
 * that a partner region's department decides (`POST /api/exchange/joint`). `messageId` names the
 * message across retries: the partner opens the part once however often it arrives.
 */
export const ZJointOpen = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("jointOpen"),
  messageId: z.uuid(),
  /** The lead region and the bundle's lead department's code. */
  from: z.strictObject({ region: regionCode, department: code }),
  to: regionCode,
  /** The lead region's bundle, the application (tracking number) and the step the partner decides. */
  bundle: code,
  application: applicationRef,
  step: code,
  /** The partner region's service code (its catalog). */
  service: code,
  holder: holderCode,
  holderName: z.string().min(1).max(200),
  title: text,
  timestamp: isoInstant,
  nonce,
});
export type JointOpen = z.infer<typeof ZJointOpen>;

/** A request for more material as the partner's reviewer wrote it (documents and questions; catalog materials are the partner's own). */
export const ZJointSupplementItem = z.strictObject({ kind: z.enum(["document", "question"]), text, legalBasis: text.nullable() });

/** What happened to a part on the partner node. */
export const ZJointEvent = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("supplementRequested"), items: z.array(ZJointSupplementItem).min(1).max(20) }),
  z.strictObject({ type: z.literal("decided"), outcome: z.enum(jointDecisionOutcomes), reason: text.nullable() }),
  z.strictObject({
    type: z.literal("certificateIssued"),
    number: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    typeCode: code,
    issuerDepartmentCode: code,
    signature: z.string().max(200),
    signedAt: isoInstant,
  }),
]);
export type JointEvent = z.infer<typeof ZJointEvent>;

/** The partner node tells the lead node what became of its part (`POST /api/exchange/joint`). */
export const ZJointUpdate = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("jointUpdate"),
  messageId: z.uuid(),
  from: regionCode,
  to: regionCode,
  /** The lead's application (tracking number) and step, as the part was opened with. */
  application: applicationRef,
  step: code,
  event: ZJointEvent,
  timestamp: isoInstant,
  nonce,
});
export type JointUpdate = z.infer<typeof ZJointUpdate>;

/**
 * The receiver took the message (HTTP 200): `duplicate` when it had already taken this message id
 * (nothing done again); on an open, `reference` is the partner's own tracking number for the part.
 */
export const ZJointAck = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("jointAck"),
  from: regionCode,
  to: regionCode,
  inReplyTo: nonce,
  messageId: z.uuid(),
  duplicate: z.boolean(),
  reference: z.string().max(64).nullable(),
  timestamp: isoInstant,
});
export type JointAck = z.infer<typeof ZJointAck>;

/** A node's departments' published certificate-signing keys (`GET /api/open/department-keys`). */
export const ZDepartmentKeys = z
  .array(z.object({ keyId: z.uuid(), departmentCode: code, publicKey: pem, validFrom: isoInstant, retiredAt: isoInstant.nullable() }))
  .max(2_000);
export type DepartmentKey = z.infer<typeof ZDepartmentKeys>[number];

// 异地代收代办 (issue 14): a window of one region accepts an application for another region's
// service and forwards it, signed, with its materials; the competent node answers at once
// (accepted with its tracking number, or returned with coded reasons) and later sends signed
// status updates back. Both directions are idempotent by the forwarding's id.

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** One material's file, as the accepting window received it: at most 4 MiB, base64. */
export const ZForwardedFile = z.strictObject({
  key: code,
  fileName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^\p{Cc}\\/]+$/u),
  mediaType: z.enum(["application/pdf", "image/png", "image/jpeg"]),
  sha256: sha256Hex,
  content: z
    .string()
    .max(5_600_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export type ForwardedFile = z.infer<typeof ZForwardedFile>;

/** Largest forwarding message on the wire: a few scans. */
export const maxForwardingBytes = 12 * 1024 * 1024;

export const ZForwardingRequest = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("forwardingRequest"),
  from: regionCode,
  to: regionCode,
  /** The accepting node's forwarding id: the idempotency key at the competent node. */
  forwardingId: z.uuid(),
  /** The competent region's service code. */
  service: code,
  /** The accepting window: its names, and the clerk (login) who checked identity and materials. */
  window: z.strictObject({ nameZh: text, nameEn: text, clerk: code }),
  applicant: z.strictObject({
    kind: z.enum(["enterprise", "citizen"]),
    holderCode,
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}]+$/u),
  }),
  /** The answers to the service's situation questions (办理情形), which decide its materials. */
  situations: z.record(code, code).refine((f) => Object.keys(f).length <= 20),
  formData: z.record(code, z.string().max(2000)).refine((f) => Object.keys(f).length <= 200),
  materials: z.array(ZForwardedFile).max(20),
  /** When the window checked the applicant's identity and the original materials. */
  checkedAt: isoInstant,
  timestamp: isoInstant,
  nonce,
});
export type ForwardingRequest = z.infer<typeof ZForwardingRequest>;

/** Why the competent node returned a forwarded application: a message key and the field it concerns. */
export const ZForwardingReason = z.strictObject({ code: z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,127}$/), field: z.string().max(64).nullable() });
export type ForwardingReason = z.infer<typeof ZForwardingReason>;

export const ZForwardingResponse = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("forwardingResponse"),
  from: regionCode,
  to: regionCode,
  inReplyTo: nonce,
  forwardingId: z.uuid(),
  /** `accepted`: an application exists at the competent node (now or from an earlier attempt); `returned`: nothing was created. */
  outcome: z.enum(["accepted", "returned"]),
  trackingNumber: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,64}$/)
    .nullable(),
  status: code.nullable(),
  reasons: z.array(ZForwardingReason).max(50),
  timestamp: isoInstant,
});
export type ForwardingResponse = z.infer<typeof ZForwardingResponse>;

/** The competent node tells the accepting node where a forwarded application stands. */
export const ZStatusUpdate = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("statusUpdate"),
  from: regionCode,
  to: regionCode,
  forwardingId: z.uuid(),
  trackingNumber: z.string().regex(/^[0-9A-Za-z-]{1,64}$/),
  /** The application's status at the competent node (its machine's names). */
  status: code,
  /** The application's version there: a later update wins, an older or repeated one changes nothing. */
  sequence: z.number().int().min(1).max(1_000_000),
  certificateNumbers: z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/)).max(20),
  timestamp: isoInstant,
  nonce,
});
export type StatusUpdate = z.infer<typeof ZStatusUpdate>;

export const ZStatusAck = z.strictObject({
  v: z.literal(protocolVersion),
  kind: z.literal("statusAck"),
  from: regionCode,
  to: regionCode,
  inReplyTo: nonce,
  forwardingId: z.uuid(),
  timestamp: isoInstant,
});
export type StatusAck = z.infer<typeof ZStatusAck>;

export type Payload =
  | CertificateRequest
  | CertificateResponse
  | Refusal
  | VerificationRequest
  | VerificationResponse
  | ForwardingRequest
  | ForwardingResponse
  | StatusUpdate
  | StatusAck
  | JointOpen
  | JointUpdate
  | JointAck;

/** A signed message: the payload, the key that signed it, the signature (base64 of 64 bytes). */
export interface Envelope<P> {
  keyId: string;
  payload: P;
  signature: string;
}

export const ZEnvelopeShape = z.strictObject({
  keyId: z.uuid(),
  // Parsed strictly by its kind afterwards; here only bounded (the body itself is at most 1 MiB).
  payload: z.record(z.string().max(64), z.unknown()).refine((p) => Object.keys(p).length <= 32, "too many payload fields"),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});

/** The exact bytes signed: canonical JSON of the key's id and the payload, UTF-8 (the key's id is signed too, so it cannot be swapped). */
export function signedBytes(keyId: string, payload: Payload): Buffer {
  return Buffer.from(canonicalJson({ keyId, payload }), "utf8");
}

export function signEnvelope<P extends Payload>(privateKey: KeyObject | string, keyId: string, payload: P): Envelope<P> {
  const key = typeof privateKey === "string" ? createPrivateKey(privateKey) : privateKey;
  return { keyId, payload, signature: sign(null, signedBytes(keyId, payload), key).toString("base64") };
}

/** The wire form: canonical JSON of the envelope. */
export function encodeEnvelope(envelope: Envelope<Payload>): string {
  return canonicalJson(envelope);
}

/** True only when the signature is exactly 64 bytes in canonical base64 and matches under the key. */
export function verifyEnvelope(publicKeyPem: string, envelope: Envelope<Payload>): boolean {
  try {
    const signature = Buffer.from(envelope.signature, "base64");
    if (signature.length !== 64 || signature.toString("base64") !== envelope.signature) return false;
    return verify(null, signedBytes(envelope.keyId, envelope.payload), createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/**
 * Reads a wire message: JSON, in canonical form (anything else — extra spaces, reordered keys,
 * escapes — is refused, so a changed byte cannot hide), an envelope whose payload parses as
 * `schema`. Null when it is not.
 */
export function decodeEnvelope<S extends z.ZodType<Payload>>(raw: string, schema: S, maxLength = 256_000): Envelope<z.infer<S>> | null {
  if (raw.length > maxLength) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (canonicalJson(parsed) !== raw) return null;
  const shape = ZEnvelopeShape.safeParse(parsed);
  if (!shape.success) return null;
  const payload = schema.safeParse(shape.data.payload);
  if (!payload.success) return null;
  // The schema must not have changed the payload (defaults, trimming): the signature covers what was sent.
  if (canonicalJson(payload.data) !== canonicalJson(shape.data.payload)) return null;
  return { keyId: shape.data.keyId, payload: payload.data, signature: shape.data.signature };
}

/** What a node publishes about itself at `GET /api/exchange/node`. */
export const ZNodeDescription = z.strictObject({
  v: z.literal(protocolVersion),
  region: regionCode,
  nameZh: z.string().max(100),
  nameEn: z.string().max(100),
  endpoints: z.strictObject({ node: z.string().max(300), certificates: z.string().max(300) }),
  keys: z
    .array(z.strictObject({ keyId: z.uuid(), algorithm: z.literal("Ed25519"), publicKey: pem, validFrom: isoInstant, retiredAt: isoInstant.nullable() }))
    .max(50),
});
export type NodeDescription = z.infer<typeof ZNodeDescription>;
export type PublishedKey = NodeDescription["keys"][number];

/** The key among a node's published keys that vouches for a message signed at `at`: named, and `at` inside its window. */
export function keyFor(keys: readonly PublishedKey[], keyId: string, at: Date): PublishedKey | null {
  const key = keys.find((k) => k.keyId === keyId);
  if (!key) return null;
  const t = at.getTime();
  if (t < Date.parse(key.validFrom)) return null;
  if (key.retiredAt !== null && t >= Date.parse(key.retiredAt)) return null;
  return key;
}
