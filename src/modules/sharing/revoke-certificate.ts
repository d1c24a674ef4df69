import { and, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import type { ZRevokeCertificateInput } from "./inputs";
import { certificates } from "./registry-schema";
import { watchLapsedCertificates } from "./watch";


/**
 * Revokes a certificate with a reason (吊销/撤销), by the data office or a reviewer of the issuing
 * department; applications relying on it are told. Revoking twice is refused.
 */
export async function revokeCertificate(db: Db, actor: Actor, input: z.output<typeof ZRevokeCertificateInput>, now: Date = new Date()) {
  if (actor.role !== "dataOffice" && actor.role !== "reviewer") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(certificates)
      .set({ status: "revoked", revokedAt: now, revocationReason: input.reason })
      .where(
        and(
          eq(certificates.number, input.number),
          ne(certificates.status, "revoked"),
          // A reviewer revokes only what their own department issued.
          actor.role === "reviewer" ? eq(certificates.issuerDepartmentId, actor.departmentId ?? "") : undefined,
        ),
      )
      .returning({ id: certificates.id, number: certificates.number, typeCode: certificates.typeCode, issuer: certificates.issuerDepartmentId, validUntil: certificates.validUntil });
    if (!row) {
      // Say why without telling a reviewer about another department's certificates.
      const [existing] = await tx
        .select({ status: certificates.status, issuer: certificates.issuerDepartmentId })
        .from(certificates)
        .where(eq(certificates.number, input.number));
      if (!existing || (actor.role === "reviewer" && existing.issuer !== actor.departmentId)) {
        throw new DomainError("notFound", "sharing.errors.certificateNotFound", { field: "number" });
      }
      throw new DomainError("conflict", "sharing.errors.alreadyRevoked", { field: "number" });
    }
    const [type] = await tx.select({ nameZh: certificateTypes.nameZh }).from(certificateTypes).where(eq(certificateTypes.code, row.typeCode));
    await recordAudit(tx, {
      streamId: "certificates",
      actor: { userId: actor.userId, role: actor.role },
      action: "certificate.revoke",
      entityType: "certificate",
      entityId: row.id,
      from: "valid",
      to: "revoked",
      data: { number: row.number, reason: input.reason },
      at: now,
    });
    const watched = await watchLapsedCertificates(tx, [{ id: row.id, number: row.number, typeNameZh: type?.nameZh ?? row.typeCode, event: "revoked", reason: input.reason }]);
    return { number: row.number, applicationsTold: watched };
  });
}
