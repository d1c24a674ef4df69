import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodRealError } from "zod";
import { isDomainError, isZodErrorLike, type DomainErrorCode } from "@/lib/domain-error";
import { msg } from "@/lib/message";
import { findForbiddenCharacters } from "@/lib/text";
import type { Locale } from "@/i18n/locales";
import { translateServerMessage } from "@/i18n/messages";
import type { Actor, Role } from "@/modules/identity/model";
import type { Db } from "@/server/db/client";
import { log } from "@/server/log";
import { consumeLimit, type LimitName } from "@/server/rate-limit";

export interface TrpcContext {
  db: Db;
  /** Who acts: the signed-in person, or whom they act for (an enterprise, a person) by mandate. */
  actor: Actor | null;
  /** The signed-in person themself (switching whom to act for, their sessions and password). */
  self: Actor | null;
  locale: Locale;
  /**
   * The client's address on HTTP calls (/api/trpc), for the per-address limits. Absent for the
   * pages' server-side caller: the proxy limits those pages by address itself (src/proxy.ts).
   */
  clientAddress?: string | null;
}

/** Why a TOO_MANY_REQUESTS error was raised, and when to come back (Retry-After). */
export class RateLimitedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super("rate limited");
    this.name = "RateLimitedError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The seconds to wait that a rate-limited error carries (by shape: see isDomainError's note). */
export function retryAfterOf(error: { cause?: unknown }): number | null {
  const seconds = (error.cause as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? seconds : null;
}

/** Domain error codes mapped to transport codes, once. */
const codeFor: Record<DomainErrorCode, TRPCError["code"]> = {
  invalidInput: "BAD_REQUEST",
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  notFound: "NOT_FOUND",
  conflict: "CONFLICT",
  illegalTransition: "CONFLICT",
  locked: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
};

export type FieldErrors = Record<string, string[]>;

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? "zh-CN";
    const cause = error.cause;
    let fieldErrors: FieldErrors | null = null;
    let domainCode: DomainErrorCode | null = null;
    let message = shape.message;
    // By shape, not `instanceof`: the production build may hold two copies of zod and of DomainError.
    if (isZodErrorLike(cause)) {
      fieldErrors = {};
      for (const issue of cause.issues) {
        const key = issue.path.map(String).join(".") || "_form";
        (fieldErrors[key] ??= []).push(translateServerMessage(locale, issue.message));
      }
      message = translateServerMessage(locale, "errors.invalidInput");
    } else if (isDomainError(cause)) {
      domainCode = cause.code;
      message = translateServerMessage(locale, cause.message);
      if (cause.field) fieldErrors = { [cause.field]: [message] };
    } else if (error.code === "INTERNAL_SERVER_ERROR") {
      // Never leak internals to the browser; the server log has the stack (personal data masked).
      log.error({ err: error.cause ?? error, path: shape.data.path }, "tRPC procedure failed");
      message = translateServerMessage(locale, "errors.internal");
    } else if (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN") {
      message = translateServerMessage(locale, `errors.${error.code === "UNAUTHORIZED" ? "unauthorized" : "forbidden"}`);
    } else {
      // Our own TRPCErrors carry message keys; anything else is shown as it is.
      message = translateServerMessage(locale, shape.message);
    }
    const retryAfterSeconds = retryAfterOf(error);
    return { ...shape, message, data: { ...shape.data, stack: undefined, fieldErrors, domainCode, retryAfterSeconds } };
  },
});

/**
 * Lifts a DomainError thrown by a use case into a TRPCError with the mapped code, and a ZodError
 * thrown by one (checkMaterials reports every gap at once that way) into a 400: a validation
 * failure is the user's to correct, never a 500.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    result.error = new TRPCError({ code: codeFor[cause.code], message: cause.message, cause });
  } else if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && isZodErrorLike(result.error.cause)) {
    result.error = new TRPCError({ code: "BAD_REQUEST", message: "errors.invalidInput", cause: result.error.cause });
  }
  return result;
});

/**
 * Refuses any input holding a NUL or other control character, or a bidirectional control, with a
 * field error on each such field, before the procedure (and so the database) sees it: PostgreSQL
 * cannot store NUL in text, and a right-to-left override makes a name read as something else.
 * Tab and line breaks are allowed here (multi-line text); one-line fields refuse them in their schema.
 */
const plainText = t.middleware(async ({ getRawInput, next }) => {
  const paths = findForbiddenCharacters(await getRawInput());
  if (paths.length > 0) {
    const issues = paths.map((path) => ({ code: "custom" as const, path, message: msg("errors.controlCharacter"), input: undefined }));
    throw new TRPCError({ code: "BAD_REQUEST", message: "errors.invalidInput", cause: new ZodRealError(issues) });
  }
  return next();
});

/**
 * Limits a procedure per client address (see `limits` in src/server/rate-limit.ts); over the
 * limit, 429 with Retry-After (set by the HTTP handler from the error). Usable as
 * `publicProcedure.use(rateLimited("registrations"))`.
 */
export function rateLimited(name: LimitName) {
  return t.middleware(async ({ ctx, next }) => {
    if (ctx.clientAddress) {
      const verdict = await consumeLimit(name, ctx.clientAddress);
      if (!verdict.ok) {
        const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: msg("errors.rateLimited", { minutes }),
          cause: new RateLimitedError(verdict.retryAfterSeconds),
        });
      }
    }
    return next();
  });
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors).use(plainText);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor || !ctx.self) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { ...ctx, actor: ctx.actor, self: ctx.self } });
});

export function roleProcedure(...allowed: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!allowed.includes(ctx.actor.role)) throw new TRPCError({ code: "FORBIDDEN" });
    return next({ ctx });
  });
}

export const applicantProcedure = roleProcedure("enterprise", "citizen");
/**
 * The holder's own data and mandates: the applicant, but not the window keying in for a walk-in
 * applicant, which files applications and sees nothing else of the person's.
 */
export const holderProcedure = applicantProcedure.use(({ ctx, next }) => {
  if (ctx.actor.agency?.kind === "window") throw new TRPCError({ code: "FORBIDDEN" });
  return next({ ctx });
});
/** A citizen acting as themself (registering an enterprise, authorising an agent, verifying identity). */
export const personProcedure = roleProcedure("citizen").use(({ ctx, next }) => {
  if (ctx.actor.agency) throw new TRPCError({ code: "FORBIDDEN" });
  return next({ ctx });
});
/** A person acting for an enterprise (as its legal representative or by mandate). */
export const enterpriseProcedure = roleProcedure("enterprise");
export const clerkProcedure = roleProcedure("windowClerk");
export const reviewerProcedure = roleProcedure("reviewer").use(({ ctx, next }) => {
  // A reviewer without a department could see every queue: refuse rather than guess.
  if (!ctx.actor.departmentId) throw new TRPCError({ code: "FORBIDDEN" });
  return next({ ctx: { ...ctx, actor: { ...ctx.actor, departmentId: ctx.actor.departmentId } } });
});
export const staffProcedure = roleProcedure("windowClerk", "reviewer", "dataOffice");
export const dataOfficeProcedure = roleProcedure("dataOffice");
/** Everyone who works in the portal, the administrator too: the organisation's departments. */
export const organisationProcedure = roleProcedure("windowClerk", "reviewer", "dataOffice", "administrator");
/** The province's administrator: departments and staff accounts. */
export const administratorProcedure = roleProcedure("administrator");
/** The data office, and reviewers acting for their department as a data provider or issuer. */
export const keeperProcedure = roleProcedure("dataOffice", "reviewer");
