import { NextResponse } from "next/server";
import { actingForCookie } from "@/modules/identity/acting-for";
import { signOut } from "@/server/auth";

export const dynamic = "force-dynamic";

/**
 * Sign-out as a plain form POST, so it works the same before the page's JavaScript has loaded:
 * the session cookie is cleared on this response, then the browser goes home.
 */
export async function POST() {
  await signOut({ redirect: false });
  // A relative Location: the browser stays on the host it used.
  const res = new NextResponse(null, { status: 303, headers: { Location: "/" } });
  res.cookies.delete(actingForCookie);
  return res;
}
