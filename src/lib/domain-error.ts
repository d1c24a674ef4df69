import { msg, type MessageParams } from "./message";

/** The closed set of failures a use case may report; mapped to transport codes in one place. */
export type DomainErrorCode =
  | "invalidInput"
  | "unauthorized"
  | "forbidden"
  | "notFound"
  | "conflict"
  | "illegalTransition"
  | "locked"
  | "unavailable";

/**
 * A failure the user can act on. `message` is a message key (see `msg`), `field` names the form
 * field it belongs to, so the form shows it where the user typed.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;

  constructor(code: DomainErrorCode, key: string, options?: { params?: MessageParams; field?: string }) {
    super(msg(key, options?.params));
    this.name = "DomainError";
    this.code = code;
    this.field = options?.field;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
