import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import type { ZUpdateServiceInput } from "./inputs";
import { validateTimeLimits, type CatalogAuditAction } from "./model";
import { newCatalogVersion } from "./catalog-version";
import { services } from "./schema";

/**
 * The data office sets a service's time limits, fee and flags. A promised time above the
 * statutory one (or below one day) is refused on the `promisedDays` field and nothing is written.
 * The change and its audit event (stream `catalog`) are one transaction. Applications already
 * submitted keep the limits copied into their plan.
 */
export async function updateService(db: Db, actor: Actor, input: z.output<typeof ZUpdateServiceInput>, now: Date = new Date()) {
  const problem = validateTimeLimits(input);
  if (problem) {
    throw new DomainError("invalidInput", problem === "promisedAboveStatutory" ? "validation.catalog.promisedAboveStatutory" : "validation.catalog.days", {
      field: "promisedDays",
    });
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(services).where(eq(services.code, input.code)).for("update");
    if (!before) throw new DomainError("notFound", "errors.notFound");
    const changes = {
      statutoryDays: input.statutoryDays,
      promisedDays: input.promisedDays,
      feeFen: input.feeFen,
      autoAcceptance: input.autoAcceptance,
      deemedApprovalOnTimeout: input.deemedApprovalOnTimeout,
      published: input.published,
    };
    const [after] = await tx
      .update(services)
      .set({ ...changes, updatedAt: now })
      .where(eq(services.id, before.id))
      .returning({ code: services.code, updatedAt: services.updatedAt });
    const catalogVersion = await newCatalogVersion(tx, { reason: "catalog.updateService", subject: before.code, actorUserId: actor.userId, now });
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "catalog.updateService",
      entityType: "service",
      entityId: before.id,
      data: {
        code: before.code,
        before: {
          statutoryDays: before.statutoryDays,
          promisedDays: before.promisedDays,
          feeFen: before.feeFen,
          autoAcceptance: before.autoAcceptance,
          deemedApprovalOnTimeout: before.deemedApprovalOnTimeout,
          published: before.published,
        },
        after: changes,
        catalogVersion,
      },
      at: now,
    });
    return { code: after?.code ?? before.code, ...changes };
  });
}
