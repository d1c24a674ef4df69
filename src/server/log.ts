import pino, { type Logger } from "pino";
import { requestContext } from "./request-context";

/**
 * The server's structured log: one JSON object a line on stdout (ship it with any collector),
 * with the request id of the request it belongs to, and nothing personal. Personal data is kept
 * out twice: by key (a field named like a password, an ID number or a phone number is replaced
 * whole) and by value (`scrub`: the parameters of a failed query, ID numbers, mobile numbers,
 * password hashes and the query strings of URLs are masked inside any string, stacks included).
 */

const sensitiveKey = /pass(word)?|secret|token|cookie|authorization|idnumber|phone|mobile|querycode|apikey|privatekey|signature|^params$|^parameters$/i;

const scrubbers: Array<[RegExp, string]> = [
  // Drizzle: "Failed query: <sql>\nparams: <p1>,<p2>…": the SQL may stay, its parameters may not.
  [/params: [\s\S]*?(?=\n\s+at |\n\s*\[cause\]|$)/g, "params: [redacted]"],
  [/scrypt\$[^\s,;"'\])}]*/g, "scrypt$[redacted]"],
  // Resident ID numbers (GB 11643): 17 digits and a check character, not inside a longer code.
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, "[id-number]"],
  // Mainland mobile numbers: 11 digits from 13x to 19x.
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, "[phone]"],
  // Query strings carry query codes, tracking numbers and callback URLs.
  [/\?[^\s#"'<>]*=[^\s#"'<>]*/g, "?[query]"],
];

/** Masks personal data and query parameters inside a string. */
export function scrub(text: string): string {
  return scrubbers.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
}

/** A log-safe copy of any value: sensitive keys replaced, strings scrubbed, errors flattened. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrub(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 8 || seen.has(value)) return "[…]";
  seen.add(value);
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; cause?: unknown };
    const out: Record<string, unknown> = { type: e.name, message: scrub(e.message) };
    if (e.stack) out.stack = scrub(e.stack);
    if (typeof e.code === "string" || typeof e.code === "number") out.code = e.code;
    for (const [k, v] of Object.entries(e)) {
      if (k in out || k === "cause") continue;
      out[k] = sensitiveKey.test(k.replace(/[-_]/g, "")) ? "[redacted]" : redact(v, depth + 1, seen);
    }
    if (e.cause !== undefined) out.cause = redact(e.cause, depth + 1, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = sensitiveKey.test(k.replace(/[-_]/g, "")) ? "[redacted]" : redact(v, depth + 1, seen);
  }
  return out;
}

const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
function level(): (typeof levels)[number] {
  const asked = process.env.LOG_LEVEL;
  if (asked && (levels as readonly string[]).includes(asked)) return asked as (typeof levels)[number];
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

/** A logger writing to `destination` (stdout when none); tests pass their own. */
export function createLogger(destination?: pino.DestinationStream, options: { level?: string } = {}): Logger {
  return pino(
    {
      level: options.level ?? level(),
      base: { service: "tongban" },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Errors go through `redact` like everything else, not pino's serializer (which keeps every own field).
      serializers: { err: (e: unknown) => redact(e) },
      formatters: { level: (label) => ({ level: label }), log: (object) => redact(object) as Record<string, unknown> },
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { requestId: context.requestId } : {};
      },
      hooks: {
        // The message string is scrubbed too: `log.error("failed for %s", idNumber)` leaks nothing.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrub(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
    },
    destination,
  );
}

// One logger per process, whichever bundle asks (see request-context.ts).
const key = Symbol.for("tongban.logger");
const holder = globalThis as unknown as { [key]?: Logger };

/** The process's logger. `log.error({ err }, "what failed")`; `log.child({ module })` for a part. */
export const log: Logger = (holder[key] ??= createLogger());
