import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { clientAddressOf } from "@/server/client-address";
import { consumeLimit } from "@/server/rate-limit";

export const { GET } = handlers;

/**
 * Password sign-ins are limited per client address (`signInRequests` in src/server/rate-limit.ts)
 * before Auth.js hashes anything. The refusal is a 429 with Retry-After, in the JSON shape
 * next-auth's `signIn()` reads (`url` with `error` and `code`), so the form can say how long to wait.
 */
export async function POST(req: NextRequest) {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const verdict = await consumeLimit("signInRequests", clientAddressOf(req.headers));
    if (!verdict.ok) {
      const url = new URL("/sign-in", req.nextUrl);
      url.searchParams.set("error", "CredentialsSignin");
      url.searchParams.set("code", `rateLimited.${verdict.retryAfterSeconds}`);
      return Response.json(
        { url: url.toString() },
        { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds), "cache-control": "no-store" } },
      );
    }
  }
  return handlers.POST(req);
}
