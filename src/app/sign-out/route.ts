import { NextResponse } from "next/server";
import { actingForCookie } from "@/modules/identity/acting-for";
import { signOut } from "@/server/auth";

export const dynamic = "force-dynamic";

/**
 * Sign-out as a plain form POST, so it works the same before the page's JavaScript has loaded:
 * the session cookie is cleared on this response, then the browser goes home.
 */
export async function POST(req: Request) {
  await signOut({ redirect: false });
  const res = NextResponse.redirect(new URL("/", req.url), 303);
  res.cookies.delete(actingForCookie);
  return res;
}
