import { definePort } from "@/lib/ports";
import type { Db } from "@/server/db/client";

/**
 * Why an applicant may not commit instead of proof (告知承诺), as a message key, or null when they
 * may. The rules are credit's and risk's (an active dishonesty-list entry, a broken commitment in
 * the last three years, risk class D), which are above casework in the module order: the root
 * plugs the commitments module in (src/root/effects.ts).
 */
export type CommitmentExclusion = (db: Db, applicant: { holderCode: string }, today: string) => Promise<string | null>;

export const commitmentExclusion = definePort<CommitmentExclusion>("applications.commitmentExclusion");
