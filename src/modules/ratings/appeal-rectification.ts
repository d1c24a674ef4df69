import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { ZAppealRectificationInput, type AppealRectificationInput } from "./inputs";
import { applicantsApplication } from "./targets";
import { loadItem, moveItem } from "./transition";

/**
 * The applicant appeals the department's answer, once: only an answered item accepts an appeal,
 * and the machine has no way back to `answered`, so a second appeal is an illegal transition.
 */
export async function appealRectification(db: Db, actor: Actor, raw: AppealRectificationInput, now: Date = new Date()): Promise<{ version: number }> {
  const input = ZAppealRectificationInput.parse(raw);
  return db.transaction(async (tx) => {
    const item = await loadItem(tx, input.itemId);
    await applicantsApplication(tx, actor, item.applicationId, "act");
    const row = await moveItem(tx, item, input.version, "appeal", { appealReason: input.reason, appealedAt: now }, actor, now);
    return { version: row.version };
  });
}
