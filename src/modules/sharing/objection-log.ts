import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { dataAccessLog, dataResources } from "./schema";

/** The legal basis shown beside an objection's steps in the holder's data log. */
const objectionBasis = "《政务数据共享条例》（2025）：数据异议核实与更正";

/**
 * Writes one step of an objection (filed, answered, corrected) into the holder's data log, in the
 * step's transaction: each step reads the certificate's field it is about, and the holder sees
 * every step beside the reads of their data.
 */
export async function logObjectionStep(
  tx: Db,
  actor: Actor,
  step: { holderCode: string; typeCode: string; purpose: "objectionFiled" | "objectionAnswered" | "objectionCorrected" },
  now: Date,
): Promise<void> {
  const [resource] = await tx.select({ id: dataResources.id }).from(dataResources).where(eq(dataResources.certificateTypeCode, step.typeCode));
  await tx
    .insert(dataAccessLog)
    .values({
      at: now,
      readerUserId: actor.userId,
      readerRole: actor.role,
      readerDepartmentId: actor.role === "reviewer" ? actor.departmentId : null,
      holderCode: step.holderCode,
      resourceId: resource?.id ?? null,
      certificateTypeCode: step.typeCode,
      applicationId: null,
      purpose: step.purpose,
      legalBasis: objectionBasis,
      outcome: "allowed",
      recordCount: 1,
    });
}
