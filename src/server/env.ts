import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL URL; without it the portal runs on embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default(".data/pglite"),
  /** Seed the demo province at start-up; defaults to on for the embedded database only. */
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("统一身份认证"),
  /** Minutes a session lasts without activity. */
  SESSION_MAX_AGE_MINUTES: z.coerce.number().int().positive().default(480),
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
  /** pino's level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

/** The validated environment; a bad variable stops the process with a message naming it. */
export function env(): Env {
  if (cached) return cached;
  const blankToUndefined = Object.fromEntries(
    Object.entries(process.env).map(([k, v]) => [k, v === "" ? undefined : v]),
  );
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
