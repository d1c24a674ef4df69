import { NextResponse } from "next/server";
import { endKeyIn } from "@/modules/identity/window-key-in";
import { signedInActor } from "@/server/auth/actor";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** The window ends keying in for a walk-in applicant (a plain form POST), back to its queue. */
export async function POST() {
  const self = await signedInActor();
  if (!self) return new NextResponse(null, { status: 303, headers: { Location: "/sign-in" } });
  await endKeyIn(await getDb(), self);
  return new NextResponse(null, { status: 303, headers: { Location: self.role === "windowClerk" ? "/window" : "/" } });
}
