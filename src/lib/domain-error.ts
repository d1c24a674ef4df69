import { msg, type MessageParams } from "./message";

/** The closed set of failures a use case may report; mapped to transport codes in one place. */
export type DomainErrorCode = "invalidInput" | "unauthorized" | "forbidden" | "notFound" | "conflict" | "illegalTransition" | "locked" | "unavailable";

/**
 * A brand that survives the production build: Next may put two copies of this module in two
 * chunks, and an error made by one copy is then not `instanceof` the other's class. `Symbol.for`
 * is one symbol per process, whichever copy asks.
 */
const brand = Symbol.for("tongban.DomainError");

/**
 * A failure the user can act on. `message` is a message key (see `msg`), `field` names the form
 * field it belongs to, so the form shows it where the user typed.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;
  readonly [brand] = true;

  constructor(code: DomainErrorCode, key: string, options?: { params?: MessageParams; field?: string }) {
    super(msg(key, options?.params));
    this.name = "DomainError";
    this.code = code;
    this.field = options?.field;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (typeof e === "object" && e !== null && (e as { [brand]?: unknown })[brand] === true);
}

/** What the error formatter needs of a zod error: its issues, each with a path and a message key. */
export interface ZodErrorLike {
  name: "ZodError";
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}

/**
 * Recognises a ZodError by its shape rather than by `instanceof`, for the same reason as the brand
 * above: `checkMaterials` throws a ZodError built by whichever copy of zod its chunk holds.
 */
export function isZodErrorLike(e: unknown): e is ZodErrorLike {
  if (typeof e !== "object" || e === null) return false;
  const candidate = e as { name?: unknown; issues?: unknown };
  return (
    candidate.name === "ZodError" &&
    Array.isArray(candidate.issues) &&
    candidate.issues.every(
      (i: unknown) =>
        typeof i === "object" && i !== null && Array.isArray((i as { path?: unknown }).path) && typeof (i as { message?: unknown }).message === "string",
    )
  );
}
