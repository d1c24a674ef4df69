import type { AnyTRPCRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { translateServerMessage } from "@/i18n/messages";
import type { Locale } from "@/i18n/locales";
import { BodyTooLargeError, readBodyWithin } from "@/server/http-body";
import { retryAfterOf, type TrpcContext } from "./init";

/**
 * 1 MiB a request: the largest honest input is an application form (a few hundred fields of at
 * most 2,000 characters each, ~0.5 MB at the very worst); files go to /api/uploads instead.
 */
export const maxTrpcBodyBytes = 1024 * 1024;

/**
 * At most 20 calls in one batch (a page asks for a handful; the client link sends at most 10),
 * so one request cannot make the server run hundreds of procedures.
 */
export const maxTrpcBatchSize = 20;

/** Serves /api/trpc: body and batch limits, then tRPC with 429 Retry-After and no-store on every answer. */
export async function handleTrpcRequest(req: Request, createContext: () => Promise<TrpcContext>, locale: Locale, router: AnyTRPCRouter): Promise<Response> {
  let bounded = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    try {
      const body = await readBodyWithin(req, maxTrpcBodyBytes);
      bounded = new Request(req.url, { method: req.method, headers: req.headers, body: body.byteLength > 0 ? Buffer.from(body) : undefined });
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      return Response.json(
        {
          error: {
            json: { message: translateServerMessage(locale, "errors.bodyTooLarge"), code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } },
          },
        },
        { status: 413, headers: { "cache-control": "no-store", connection: "close" } },
      );
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: bounded,
    router,
    createContext,
    maxBatchSize: maxTrpcBatchSize,
    responseMeta({ errors }) {
      // Answers carry personal data: no cache anywhere may keep them (public ones are cheap to ask again).
      const headers = new Headers({ "cache-control": "no-store" });
      const retryAfter = Math.max(0, ...errors.map((e) => (e.code === "TOO_MANY_REQUESTS" ? (retryAfterOf(e) ?? 0) : 0)));
      if (retryAfter > 0) headers.set("retry-after", String(retryAfter));
      return { headers };
    },
  });
}
