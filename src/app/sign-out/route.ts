import { NextResponse } from "next/server";
import { endSession } from "@/modules/identity/sessions";
import { auth, signOut } from "@/server/auth";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/**
 * Sign-out as a plain form POST, so it works the same before the page's JavaScript has loaded:
 * the session's row is ended (a copied cookie no longer works) and the cookie cleared on this
 * response, then the browser goes home.
 */
export async function POST() {
  const session = await auth();
  if (session?.sid) await endSession(await getDb(), session.sid, "signOut");
  await signOut({ redirect: false });
  // A relative Location: the browser stays on the host it used.
  return new NextResponse(null, { status: 303, headers: { Location: "/" } });
}
