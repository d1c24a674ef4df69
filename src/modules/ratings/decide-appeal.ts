import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { applications } from "../applications/schema";
import type { Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { ZDecideAppealInput, type DecideAppealInput } from "./inputs";
import { loadItem, moveItem } from "./transition";

/** The data office decides an appeal: upheld (the applicant was right) or dismissed, with its reason. */
export async function decideAppeal(db: Db, actor: Actor, raw: DecideAppealInput, now: Date = new Date()): Promise<{ version: number }> {
  const input = ZDecideAppealInput.parse(raw);
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const item = await loadItem(tx, input.itemId);
    const row = await moveItem(
      tx,
      item,
      input.version,
      input.decision,
      { appealDecision: input.decision, appealDecisionReason: input.reason, appealDecidedBy: actor.userId, appealDecidedAt: now },
      actor,
      now,
    );
    const [app] = await tx.select().from(applications).where(eq(applications.id, item.applicationId));
    if (app)
      await notify(tx, {
        kind: "appealDecided",
        to: { userIds: await applicantUserIds(tx, app, now) },
        applicationId: app.id,
        params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh },
      });
    return { version: row.version };
  });
}
