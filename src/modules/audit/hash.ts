import { createHash } from "node:crypto";

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

/** sha256 (hex) over the canonical JSON of the event and the previous event's hash. */
export function auditHash(e: AuditHashInput): string {
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
  return createHash("sha256").update(text).digest("hex");
}
