import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { DisclosureAuditAction } from "./model";
import { disclosures } from "./schema";

/**
 * A licence was revoked: its published decision is marked in the revoking transaction (the record
 * stays, with the day of revocation). A licence not yet published carries its revocation when it is.
 */
export async function markDisclosureRevoked(tx: Db, certificate: { number: string; revokedAt: Date }): Promise<void> {
  const updated = await tx
    .update(disclosures)
    .set({ revokedAt: certificate.revokedAt, updatedAt: certificate.revokedAt })
    .where(and(eq(disclosures.licenceNumber, certificate.number), isNull(disclosures.revokedAt)))
    .returning({ id: disclosures.id, documentId: disclosures.documentId });
  for (const u of updated) {
    await recordAudit<DisclosureAuditAction>(tx, {
      streamId: `disclosure:${u.documentId}`,
      actor: null,
      action: "disclosure.revoke",
      entityType: "disclosure",
      entityId: u.id,
      data: { licenceNumber: certificate.number },
      at: certificate.revokedAt,
    });
  }
}
