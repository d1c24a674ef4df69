import { defineEffect } from "@/lib/ports";
import type { Db } from "@/server/db/client";

/**
 * Runs in the revoking transaction each time a certificate is revoked (吊销/撤销, or superseded by a
 * change). The published decision of the licence is marked (双公示): disclosure is above sharing in
 * the module order, so the root adds it (src/root/effects.ts).
 */
export type CertificateRevokedListener = (tx: Db, certificate: { number: string; revokedAt: Date }) => Promise<void>;

export const certificateRevoked = defineEffect<CertificateRevokedListener>("sharing.certificateRevoked");
