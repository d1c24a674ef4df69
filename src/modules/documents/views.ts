import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../audit/hash";
import { documentKinds, type DocumentContent } from "./model";

/** A document in the case's list. */
export const ZCaseDocumentSummary = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(documentKinds),
  titleZh: z.string(),
  titleEn: z.string(),
  issuerNameZh: z.string(),
  issuerNameEn: z.string(),
  issuedOn: z.string(),
});
export type CaseDocumentSummary = z.infer<typeof ZCaseDocumentSummary>;

const ZSignatureCheck = z.object({ valid: z.boolean(), inKeyWindow: z.boolean(), keyId: z.string(), signedAt: z.date(), digest: z.string() });

/** The whole document for the applicant and staff: its content and the signature check. */
export const ZCaseDocumentView = ZCaseDocumentSummary.extend({
  applicationId: z.string(),
  content: z.custom<DocumentContent>((v) => typeof v === "object" && v !== null),
  signature: ZSignatureCheck,
});
export type CaseDocumentView = z.infer<typeof ZCaseDocumentView>;

/** What the public verification page shows: enough to match a print, no personal numbers. */
export const ZDocumentVerificationView = ZCaseDocumentSummary.omit({ id: true }).extend({
  trackingNumber: z.string(),
  subjectZh: z.string(),
  subjectEn: z.string(),
  /** An enterprise's name; a person's masked. */
  applicantName: z.string(),
  /** A credit code; a person's ID number masked. */
  applicantCode: z.string(),
  signature: ZSignatureCheck,
});
export type DocumentVerificationView = z.infer<typeof ZDocumentVerificationView>;

/**
 * A short fingerprint of the signed payload (SHA-256, first 16 hex digits, grouped), printed on the
 * document and shown by the verification page: a print whose fingerprint differs is not this document.
 */
export function payloadDigest(payload: Record<string, unknown>): string {
  const hex = createHash("sha256").update(canonicalJson(payload), "utf8").digest("hex").slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)!.join(" ");
}
