import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { isDomainError, type DomainErrorCode } from "@/lib/domain-error";
import type { Locale } from "@/i18n/locales";
import { translateServerMessage } from "@/i18n/messages";
import type { Actor, Role } from "@/modules/identity/model";
import type { Db } from "@/server/db/client";

export interface TrpcContext {
  db: Db;
  /** Who acts: the signed-in person, or whom they act for (an enterprise, a person) by mandate. */
  actor: Actor | null;
  /** The signed-in person themself (switching whom to act for, their sessions and password). */
  self: Actor | null;
  locale: Locale;
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
    if (cause instanceof ZodError) {
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
      // Never leak internals to the browser; the server log has the stack.
      console.error(error);
      message = translateServerMessage(locale, "errors.internal");
    } else if (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN") {
      message = translateServerMessage(locale, `errors.${error.code === "UNAUTHORIZED" ? "unauthorized" : "forbidden"}`);
    }
    return { ...shape, message, data: { ...shape.data, stack: undefined, fieldErrors, domainCode } };
  },
});

/** Lifts a DomainError thrown by a use case into a TRPCError with the mapped code. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    result.error = new TRPCError({ code: codeFor[cause.code], message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors);

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
/** The data office, and reviewers acting for their department as a data provider or issuer. */
export const keeperProcedure = roleProcedure("dataOffice", "reviewer");
