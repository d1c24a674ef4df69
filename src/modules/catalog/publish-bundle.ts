import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { newCatalogVersion } from "./catalog-version";
import type { ZPublishBundleInput } from "./inputs";
import type { CatalogAuditAction } from "./model";
import { bundleSteps, bundles, services } from "./schema";

/**
 * Publishes a bundle (its guide is listed and applying opens) or withdraws it (running
 * applications go on). A bundle is published only when every service of its steps is: an
 * applicant could otherwise apply for a service the catalog does not offer. With a new catalog
 * version and an audit event, in one transaction; publishing what is already published changes
 * nothing and makes no version.
 */
export async function publishBundle(db: Db, actor: Actor, input: z.output<typeof ZPublishBundleInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const [bundle] = await tx.select().from(bundles).where(eq(bundles.code, input.code)).for("update");
    if (!bundle) throw new DomainError("notFound", "errors.notFound");
    if (bundle.published === input.published) return { code: bundle.code, published: bundle.published, catalogVersion: null };
    if (input.published) {
      const steps = await tx.select({ serviceId: bundleSteps.serviceId }).from(bundleSteps).where(eq(bundleSteps.bundleId, bundle.id));
      const ids = steps.map((s) => s.serviceId);
      const unpublished = ids.length
        ? (await tx.select({ code: services.code, published: services.published }).from(services).where(inArray(services.id, ids))).filter((s) => !s.published)
        : [];
      const [first] = unpublished;
      if (first) throw new DomainError("invalidInput", "catalog.errors.stepServiceUnpublished", { params: { code: first.code }, field: "published" });
    }
    await tx.update(bundles).set({ published: input.published }).where(eq(bundles.id, bundle.id));
    const catalogVersion = await newCatalogVersion(tx, { reason: "catalog.publishBundle", subject: bundle.code, actorUserId: actor.userId, now });
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "catalog.publishBundle",
      entityType: "bundle",
      entityId: bundle.id,
      data: { code: bundle.code, published: input.published, catalogVersion },
      at: now,
    });
    return { code: bundle.code, published: input.published, catalogVersion };
  });
}
