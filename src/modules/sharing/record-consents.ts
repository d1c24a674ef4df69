import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { windowKeyIns } from "../identity/schema";
import type { ConsentBasis } from "./model";
import { dataConsents } from "./schema";

/**
 * Records the applicant's consent to each certificate an application will have read, for that
 * application (its acceptance and review), in the submission's transaction. A certificate the
 * service requires the applicant to hold (`lawTypes`) is recorded as resting on law, the others
 * on consent (see `consentBases`). The window keying in for a walk-in applicant records the
 * evidence it was shown. A repeat (the same application again) changes nothing.
 */
export async function recordConsents(
  db: Db,
  actor: Actor,
  input: { holderCode: string; applicationId: string; certificates: ReadonlyArray<{ id: string; typeCode: string }>; lawTypes: ReadonlyArray<string | null> },
  now: Date,
): Promise<void> {
  if (input.certificates.length === 0) return;
  const keyInId = actor.agency?.kind === "window" ? actor.agency.keyInId : null;
  const [keyIn] = keyInId
    ? await db.select({ kind: windowKeyIns.consentKind, reference: windowKeyIns.consentReference }).from(windowKeyIns).where(eq(windowKeyIns.id, keyInId))
    : [];
  await db
    .insert(dataConsents)
    .values(
      input.certificates.map((c) => ({
        holderCode: input.holderCode,
        certificateTypeCode: c.typeCode,
        certificateId: c.id,
        applicationId: input.applicationId,
        basis: (input.lawTypes.includes(c.typeCode) ? "law" : "consent") as ConsentBasis,
        givenAt: now,
        givenBy: actor.userId,
        evidenceKind: keyIn?.kind ?? null,
        evidenceReference: keyIn?.reference ?? null,
      })),
    )
    .onConflictDoNothing();
}
