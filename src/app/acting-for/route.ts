import { NextResponse } from "next/server";
import { chooseActingFor } from "@/modules/identity/sessions";
import { signedInActor } from "@/server/auth/actor";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** A redirect to a path on whatever host the browser used (the request URL may name another). */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Switches whom the signed-in person acts for, as a plain form POST: `kind` (`entity` or
 * `person`) and `id` of someone they hold a mandate for (or represent), or nothing to act as
 * themself again. The choice is kept in the session and re-checked on every request.
 */
export async function POST(req: Request) {
  const self = await signedInActor();
  if (!self) return seeOther("/sign-in");
  const form = await req.formData();
  const kind = String(form.get("kind") ?? "");
  const id = String(form.get("id") ?? "");
  const choice = id && uuid.test(id) && (kind === "entity" || kind === "person") ? { kind, id } : null;
  // A mandate that ended between showing the button and pressing it: back with a message.
  if (id && !choice) return seeOther("/applicant?acting=refused");
  try {
    await chooseActingFor(await getDb(), self, choice as { kind: "entity" | "person"; id: string } | null);
  } catch {
    return seeOther("/applicant?acting=refused");
  }
  return seeOther("/applicant");
}
