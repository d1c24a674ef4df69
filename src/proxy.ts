import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { landingPath, mayEnter } from "@/modules/identity/model";
import { isRole } from "@/server/auth/config";

/**
 * Next 16's proxy (formerly middleware): keeps each role to its own area. It only *reads* the
 * session cookie. Auth.js's own middleware wrapper re-issues the cookie on every request, and a
 * request still in flight when the user signs out (a prefetch, say) would then bring the session
 * back to life; reading without writing cannot.
 */
export async function proxy(req: NextRequest) {
  const secret = process.env.AUTH_SECRET;
  const token = secret
    ? ((await getToken({ req, secret, secureCookie: true })) ?? (await getToken({ req, secret, secureCookie: false })))
    : null;
  const role = isRole(token?.role) ? token.role : undefined;
  const { pathname, search } = req.nextUrl;
  if (mayEnter(role, pathname)) return NextResponse.next();
  if (!role) {
    const signIn = new URL("/sign-in", req.nextUrl);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  return NextResponse.redirect(new URL(landingPath[role], req.nextUrl));
}

export const config = {
  matcher: ["/applicant/:path*", "/applications/:path*", "/apply/:path*", "/start-business/:path*", "/account/:path*", "/window/:path*", "/review/:path*", "/data-office/:path*"],
};
