import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { isCurrentRecord, isExpiredRecord } from "../credit/model";
import { creditRecords } from "../credit/schema";
import { currentRiskClass } from "../risk/current-class";
import { excludesCommitment } from "../risk/model";
import { brokenCommitmentBarEnds, type ExclusionReason } from "./model";

/**
 * Why the applicant (a credit code or an ID number) may not commit instead of proof today, or
 * null: an entry on a dishonesty list that is current and not expired; a broken commitment
 * decided within the last three years (a corrected or repaired record no longer counts); risk
 * class D. Checked in that order; the first reason found is the one told.
 */
export async function commitmentExclusionReason(db: Db, holderCode: string, today: string): Promise<ExclusionReason | null> {
  const rows = await db
    .select({ kind: creditRecords.kind, status: creditRecords.status, validUntil: creditRecords.validUntil, decidedOn: creditRecords.decidedOn })
    .from(creditRecords)
    .where(and(eq(creditRecords.subjectCode, holderCode), inArray(creditRecords.kind, ["dishonestyList", "brokenCommitment"])));
  const current = rows.filter((r) => isCurrentRecord(r.status) && r.decidedOn <= today);
  if (current.some((r) => r.kind === "dishonestyList" && !isExpiredRecord(r, today))) return "dishonestyList";
  if (current.some((r) => r.kind === "brokenCommitment" && today < brokenCommitmentBarEnds(r.decidedOn))) return "brokenCommitment";
  const risk = await currentRiskClass(db, holderCode);
  if (risk && excludesCommitment(risk.riskClass)) return "riskClassD";
  return null;
}

/** The port casework asks at submission (src/modules/applications/ports.ts): the reason as a message key. */
export async function commitmentExclusion(db: Db, applicant: { holderCode: string }, today: string): Promise<string | null> {
  const reason = await commitmentExclusionReason(db, applicant.holderCode, today);
  return reason ? `commitments.exclusion.${reason}` : null;
}
