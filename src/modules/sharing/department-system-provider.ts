import { z } from "zod";
import { maskIdNumber } from "../identity/id-number";
import { maskPersonName, type VerificationView } from "./gate";
import { certificateStatuses, isPersonHolderCode, shownCertificateFields } from "./model";
import type { CertificateProvider, ProviderAnswer } from "./providers";
import { signedInWindow, verifyFacts } from "./signing";

// A department's own certificate system as a provider (issue 14 item 6): an HTTP JSON service
// that answers `GET <baseUrl>/certificates/<number>`. The adapter bounds the call (timeout, body
// size), parses the answer strictly, and checks the issuer's signature against the department's
// keys as this node publishes them — the system's word alone is not trusted. Contract in
// docs/exchange.md ("Certificate providers").

const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/);
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const code = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/);
const name = z.string().min(1).max(200);

/** What the department's system answers (HTTP 200). */
export const ZDepartmentSystemAnswer = z.strictObject({
  certificate: z.strictObject({
    number: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    typeCode: code,
    typeNameZh: name,
    typeNameEn: name,
    holderCode: z.string().regex(/^[0-9A-Z]{18}$/),
    holderName: name,
    issuerDepartmentCode: code,
    issuedOn: dateText,
    validUntil: dateText.nullable(),
    fields: z.record(z.string().max(64), z.string().max(2000)).refine((f) => Object.keys(f).length <= 100),
    status: z.enum(certificateStatuses),
    revokedAt: isoInstant.nullable(),
    revocationReason: z.string().max(1000).nullable(),
    signature: z.string().max(200).nullable(),
    signedAt: isoInstant.nullable(),
    keyId: z.uuid().nullable(),
  }),
});

/** A department key as this node publishes it (`publicKeys` of the gate). */
export interface TrustedDepartmentKey {
  keyId: string;
  departmentCode: string;
  publicKey: string;
  validFrom: Date;
  retiredAt: Date | null;
}

export interface DepartmentSystemOptions {
  /** The department of this node whose system it is. */
  departmentCode: string;
  nameZh: string;
  nameEn: string;
  baseUrl: string;
  /** The department keys this node publishes. */
  keys: () => Promise<readonly TrustedDepartmentKey[]>;
  timeoutMs?: number;
  maxBodyBytes?: number;
  fetch?: typeof globalThis.fetch;
}

export function departmentSystemProvider(o: DepartmentSystemOptions): CertificateProvider {
  const timeoutMs = o.timeoutMs ?? 3_000;
  const maxBodyBytes = o.maxBodyBytes ?? 256 * 1024;
  const base = o.baseUrl.replace(/\/+$/, "");
  const through = { kind: "department" as const, code: o.departmentCode, nameZh: o.nameZh, nameEn: o.nameEn };
  return {
    id: `department:${o.departmentCode}`,
    kind: "department",
    async verify(number): Promise<ProviderAnswer> {
      let status: number;
      let raw: string;
      try {
        const res = await (o.fetch ?? globalThis.fetch)(`${base}/certificates/${encodeURIComponent(number)}`, {
          headers: { accept: "application/json" },
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        raw = await res.text();
      } catch (e) {
        const n = (e as Error).name;
        return { status: "down", reason: n === "TimeoutError" || n === "AbortError" ? "timeout" : "unreachable" };
      }
      if (status === 404) return { status: "notFound" };
      if (status >= 500) return { status: "down", reason: "serverError" };
      if (status !== 200 || Buffer.byteLength(raw, "utf8") > maxBodyBytes) return { status: "down", reason: "garbage" };
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return { status: "down", reason: "garbage" };
      }
      const parsed = ZDepartmentSystemAnswer.safeParse(body);
      if (!parsed.success) return { status: "down", reason: "garbage" };
      const c = parsed.data.certificate;
      // Another number, or a certificate of another issuer: not an answer to this question.
      if (c.number !== number || c.issuerDepartmentCode !== o.departmentCode) return { status: "down", reason: "garbage" };
      let keys: readonly TrustedDepartmentKey[];
      try {
        keys = await o.keys();
      } catch {
        return { status: "down", reason: "keysUnavailable" };
      }
      const key = keys.find((k) => k.keyId === c.keyId && k.departmentCode === o.departmentCode);
      const signedAt = c.signedAt ? new Date(c.signedAt) : null;
      const inKeyWindow = key ? signedInWindow(signedAt, key) : false;
      const valid = Boolean(key && c.signature && inKeyWindow && verifyFacts(key.publicKey, c, c.signature));
      const isPerson = isPersonHolderCode(c.holderCode);
      const view: VerificationView = {
        number: c.number,
        typeNameZh: c.typeNameZh,
        typeNameEn: c.typeNameEn,
        issuerNameZh: o.nameZh,
        issuerNameEn: o.nameEn,
        holderName: isPerson ? maskPersonName(c.holderName) : c.holderName,
        holderCodeShown: isPerson ? maskIdNumber(c.holderCode) : c.holderCode,
        holderIsPerson: isPerson,
        issuedOn: c.issuedOn,
        validUntil: c.validUntil,
        status: c.status,
        revokedAt: c.revokedAt ? new Date(c.revokedAt) : null,
        revocationReason: c.revocationReason,
        supersededByNumber: null,
        fields: isPerson ? [] : shownCertificateFields([], c.fields),
        signature: { present: Boolean(c.signature), valid, keyId: c.keyId, signedAt, inKeyWindow },
      };
      return { status: "found", view, through };
    },
  };
}
