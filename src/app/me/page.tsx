import { redirect } from "next/navigation";
import { landingPath } from "@/modules/identity/model";
import { currentActor } from "@/server/auth/actor";

export const dynamic = "force-dynamic";

/** Sends each signed-in user to the landing page of their role. */
export default async function MePage() {
  const actor = await currentActor();
  redirect(actor ? landingPath[actor.role] : "/sign-in");
}
