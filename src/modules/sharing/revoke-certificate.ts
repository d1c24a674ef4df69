import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { applyCertificateEvent, applyCertificateEventToAll } from "./certificate-transition";
import type { ZRevokeCertificateInput } from "./inputs";
import { canRevokeCertificate } from "./model";
import { certificates } from "./registry-schema";
import { watchLapsedCertificates } from "./watch";

/**
 * Revokes a certificate with a reason (吊销/撤销), by the data office or a reviewer of the issuing
 * department; applications relying on it are told. Revoking twice is refused.
 */
export async function revokeCertificate(db: Db, actor: Actor, input: z.output<typeof ZRevokeCertificateInput>, now: Date = new Date()) {
  if (actor.role !== "dataOffice" && actor.role !== "reviewer") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({
        id: certificates.id,
        number: certificates.number,
        status: certificates.status,
        typeCode: certificates.typeCode,
        issuer: certificates.issuerDepartmentId,
      })
      .from(certificates)
      .where(eq(certificates.number, input.number))
      .for("update");
    // A reviewer revokes only what their own department issued; say why without telling them
    // about another department's certificates.
    if (!found || (actor.role === "reviewer" && found.issuer !== actor.departmentId)) {
      throw new DomainError("notFound", "sharing.errors.certificateNotFound", { field: "number" });
    }
    if (!canRevokeCertificate(found.status)) throw new DomainError("conflict", "sharing.errors.alreadyRevoked", { field: "number" });
    await applyCertificateEvent(tx, found, "revoke", { actor, now, patch: { revokedAt: now, revocationReason: input.reason }, data: { reason: input.reason } });
    const [type] = await tx.select({ nameZh: certificateTypes.nameZh }).from(certificateTypes).where(eq(certificateTypes.code, found.typeCode));
    const watched = await watchLapsedCertificates(tx, [
      { id: found.id, number: found.number, typeNameZh: type?.nameZh ?? found.typeCode, event: "revoked", reason: input.reason },
    ]);
    return { number: found.number, applicationsTold: watched };
  });
}

/**
 * Revokes every certificate a holder still holds (valid or expired), when the holder ceased to
 * exist (注销登记): each through the certificate machine, audited, with the reason; applications
 * of the holder's that relied on them are told, except the one that deregistered it. Runs in the
 * caller's transaction. Returns the numbers revoked.
 */
export async function revokeHolderCertificates(
  tx: Db,
  input: { holderCode: string; reason: string; actor: Actor | null; now: Date; sourceApplicationId: string },
): Promise<string[]> {
  const held = await tx
    .select({ id: certificates.id, number: certificates.number, status: certificates.status, typeNameZh: certificateTypes.nameZh })
    .from(certificates)
    .innerJoin(certificateTypes, eq(certificateTypes.code, certificates.typeCode))
    .where(eq(certificates.holderCode, input.holderCode))
    .for("update", { of: certificates });
  const live = held.filter((c) => canRevokeCertificate(c.status));
  await applyCertificateEventToAll(tx, live, "revoke", {
    actor: input.actor,
    now: input.now,
    patch: { revokedAt: input.now, revocationReason: input.reason },
    data: () => ({ reason: input.reason, applicationId: input.sourceApplicationId }),
  });
  await watchLapsedCertificates(
    tx,
    live.map((c) => ({ id: c.id, number: c.number, typeNameZh: c.typeNameZh, event: "revoked" as const, reason: input.reason })),
    input.sourceApplicationId,
  );
  return live.map((c) => c.number);
}

/**
 * Revokes the certificates an application's approval issued (a false commitment, 告知承诺: the
 * approval rested on it), each through the certificate machine, audited, with the reason; the
 * revocation watch tells the applications that relied on them, and the certificate-revoked effect
 * marks their published decisions. Runs in the caller's transaction. Returns the numbers revoked.
 */
export async function revokeApplicationCertificates(
  tx: Db,
  input: { applicationId: string; reason: string; actor: Actor | null; now: Date },
): Promise<string[]> {
  const issued = await tx
    .select({ id: certificates.id, number: certificates.number, status: certificates.status, typeNameZh: certificateTypes.nameZh })
    .from(certificates)
    .innerJoin(certificateTypes, eq(certificateTypes.code, certificates.typeCode))
    .where(eq(certificates.sourceApplicationId, input.applicationId))
    .for("update", { of: certificates });
  const live = issued.filter((c) => canRevokeCertificate(c.status));
  await applyCertificateEventToAll(tx, live, "revoke", {
    actor: input.actor,
    now: input.now,
    patch: { revokedAt: input.now, revocationReason: input.reason },
    data: () => ({ reason: input.reason, applicationId: input.applicationId }),
  });
  await watchLapsedCertificates(
    tx,
    live.map((c) => ({ id: c.id, number: c.number, typeNameZh: c.typeNameZh, event: "revoked" as const, reason: input.reason })),
  );
  return live.map((c) => c.number);
}
