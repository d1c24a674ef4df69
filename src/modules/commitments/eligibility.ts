import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import { applicantIdentity } from "../applications/applicant";
import type { Actor } from "../identity/model";
import { commitmentExclusionReason } from "./exclusion";
import type { ExclusionReason } from "./model";

/**
 * Whether the applicant the actor files for may commit instead of proof today, so the form can say
 * so before they submit (the server checks again at submission).
 */
export async function myCommitmentEligibility(db: Db, actor: Actor, now: Date = new Date()): Promise<{ excluded: ExclusionReason | null }> {
  const who = await applicantIdentity(db, actor);
  return { excluded: await commitmentExclusionReason(db, who.holderCode, shanghaiDate(now)) };
}
