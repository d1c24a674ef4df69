import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What every log line of a request carries. */
export interface RequestContext {
  requestId: string;
}

// One store per process, on `globalThis`: the custom server (src/scripts/server.ts), the proxy
// bundle and the app bundles each load their own copy of this module, and all must share it.
const key = Symbol.for("tongban.requestContext");
const holder = globalThis as unknown as { [key]?: AsyncLocalStorage<RequestContext> };
export const requestContext: AsyncLocalStorage<RequestContext> = (holder[key] ??= new AsyncLocalStorage<RequestContext>());

export const requestIdHeader = "x-request-id";

/** An incoming request id is kept only when it is short and plain (no header or log injection). */
export function wellFormedRequestId(value: string | null | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : undefined;
}

export function newRequestId(): string {
  return randomUUID();
}
