import { createHash, createHmac } from "node:crypto";
import type { AuditHashAlg } from "./schema";

/** The fields an audit event's hash covers, in the shape they are stored. */
export interface AuditHashInput {
  streamId: string;
  at: Date;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  fromState: string | null;
  toState: string | null;
  data: Record<string, unknown> | null;
  prevHash: string | null;
}

/**
 * JSON with object keys sorted at every depth, so the same content always gives the same text
 * whatever order jsonb hands the keys back in (jsonb reorders them).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * The event's hash (hex) over the canonical JSON of the event and the previous event's hash:
 * HMAC-SHA256 under the audit key (`hmac-sha256`, every event the portal writes now), or plain
 * SHA-256 (`sha256`, events written before the log was keyed; anyone could recompute those).
 */
export function auditHash(e: AuditHashInput, alg: AuditHashAlg, key: Buffer | null): string {
  const text = canonicalJson([
    e.streamId,
    e.at.toISOString(),
    e.actorUserId,
    e.actorRole,
    e.action,
    e.entityType,
    e.entityId,
    e.fromState,
    e.toState,
    e.data ?? null,
    e.prevHash,
  ]);
  if (alg === "sha256") return createHash("sha256").update(text).digest("hex");
  if (!key) throw new Error("auditHash: hmac-sha256 needs the audit key");
  return createHmac("sha256", key).update(text).digest("hex");
}
