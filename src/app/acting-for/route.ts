import { NextResponse } from "next/server";
import { assertMayActFor, actingForCookie } from "@/modules/identity/acting-for";
import { signedInActor } from "@/server/auth/actor";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/**
 * Switches whom a citizen acts for, as a plain form POST: `entityId` of an enterprise they are an
 * agent of, or empty to act as themself again. Then back to the applicant's page.
 */
/** A redirect to a path on whatever host the browser used (the request URL may name another). */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}

export async function POST(req: Request) {
  const actor = await signedInActor();
  if (!actor) return seeOther("/sign-in");
  const form = await req.formData();
  const entityId = String(form.get("entityId") ?? "");
  const res = seeOther("/applicant");
  if (!entityId) {
    res.cookies.delete(actingForCookie);
    return res;
  }
  try {
    await assertMayActFor(await getDb(), actor, entityId);
  } catch {
    return NextResponse.json({ error: "forbidden" }, { status: 403 });
  }
  res.cookies.set(actingForCookie, entityId, { httpOnly: true, sameSite: "lax", path: "/", secure: new URL(req.url).protocol === "https:" });
  return res;
}
