import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { parsePeers } from "@/lib/peers";
import { isRegionCode, regionCodes } from "@/lib/regions";

/** An Ed25519 private key as PKCS #8, in PEM or as base64 DER. */
const ZEd25519PrivateKey = z.string().refine((value) => {
  try {
    const key = value.includes("-----BEGIN") ? createPrivateKey(value) : createPrivateKey({ key: Buffer.from(value, "base64"), format: "der", type: "pkcs8" });
    return key.asymmetricKeyType === "ed25519";
  } catch {
    return false;
  }
}, "must be an Ed25519 private key, PKCS #8 as PEM or base64 DER (openssl genpkey -algorithm ed25519)");

export const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL URL; without it the portal runs on embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default(".data/pglite"),
  /**
   * A PostgreSQL role every pooled connection of the portal takes on connect (e.g. `tongban_app`,
   * made by the migrations: no UPDATE, DELETE or TRUNCATE on the audit tables). Migrations and
   * pg-boss keep the connecting user.
   */
  DATABASE_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "DATABASE_ROLE must be a plain lower-case PostgreSQL role name")
    .optional(),
  /** The audit chain's HMAC key; generated into `.data/audit-key` when unset. */
  AUDIT_KEY: z.string().min(32, "AUDIT_KEY must be at least 32 characters").optional(),
  /** Signs the audit checkpoints; generated into `.data/audit-signing-key` when unset. */
  AUDIT_SIGNING_KEY: ZEd25519PrivateKey.optional(),
  /** Wraps the departments' signing keys (envelope encryption); generated into `.data/kek` when unset. */
  KEY_ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32,
      "KEY_ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)",
    )
    .optional(),
  /** The region this node serves (issue 14): its demo province, its departments and its peers. */
  REGION: z.enum(regionCodes).default("hebei"),
  /**
   * The other region nodes this node exchanges with (issue 14), `beijing=http://…,tianjin=http://…`;
   * each one's keys are read from its `GET /api/exchange/node`. None: the node asks nobody and
   * answers nobody.
   */
  PEERS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parsePeers(value, isRegionCode);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
  /** Requests a second each peer region may send this node (its token bucket's refill; docs/exchange.md). */
  EXCHANGE_PEER_RATE: z.coerce.number().positive().max(10_000).optional(),
  /** Requests a peer region may send at once before its rate applies (its bucket's size). */
  EXCHANGE_PEER_BURST: z.coerce.number().int().min(1).max(100_000).optional(),
  /** Requests this node has in flight to one peer at most. */
  EXCHANGE_PEER_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** This node's own public base URL, as its peers reach it (published at /api/exchange/node). */
  EXCHANGE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Seed the demo province at start-up; defaults to on for the embedded database only. */
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("统一身份认证"),
  /** Minutes a session lasts without activity (idle timeout). */
  SESSION_MAX_AGE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(120),
  /** Hours a session lasts after sign-in however active it is (absolute timeout). */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 30)
    .default(12),
  /** SMTP server for notification email, e.g. `smtp://user:pass@mail.example.gov.cn:587`; no email without it. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Sender of notification email. */
  SMTP_FROM: z.string().min(3).optional(),
  /** Background jobs (outbox dispatch, deadline scan) run in every server process unless `false`. */
  JOBS_ENABLED: z.enum(["true", "false"]).optional(),
  /**
   * How many load balancers or reverse proxies in front of the portal append to X-Forwarded-For
   * (and set X-Forwarded-Proto). 0: none, the socket's peer is the client, whatever it claims.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * The bearer token of `/api/metrics` (Prometheus): `Authorization: Bearer <token>`. Unset, the
   * endpoint is off (404).
   */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").max(256).optional(),
  /** `/api/ready` fails when a background job has been due longer than this many seconds. */
  READY_MAX_JOB_LAG_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /**
   * How long an anonymous visitor's copy of a public page (home, guides, the tracking and
   * verification forms, open data) is served before it is rendered again (src/server/page-cache.ts);
   * a catalog change renders them again at once. 0 turns the cache off.
   */
  PUBLIC_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** pino's level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

/** The validated environment; a bad variable stops the process with a message naming it. */
export function env(): Env {
  if (cached) return cached;
  const blankToUndefined = Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = ZEnv.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

export function oidcEnabled(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
