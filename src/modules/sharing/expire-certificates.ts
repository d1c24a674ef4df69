import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import { certificateTypes } from "../catalog/schema";
import { applyCertificateEventToAll } from "./certificate-transition";
import { certificates } from "./registry-schema";
import { watchLapsedCertificates } from "./watch";

/**
 * The expiry job: marks certificates whose validity ended before today as expired and tells the
 * open applications relying on them. Each batch is locked (`skip locked`) and moves through the
 * certificate machine, so two runs act once.
 */
export async function expireCertificates(db: Db, now: Date = new Date(), options: { batchSize?: number } = {}): Promise<number> {
  const today = shanghaiDate(now);
  const batchSize = options.batchSize ?? 200;
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: certificates.id, number: certificates.number, status: certificates.status, typeCode: certificates.typeCode })
        .from(certificates)
        .where(and(eq(certificates.status, "valid"), lt(certificates.validUntil, today)))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      if (due.length === 0) return 0;
      const rows = await applyCertificateEventToAll(tx, due, "expire", { actor: null, now });
      const types = await tx.select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh }).from(certificateTypes);
      const typeName = new Map(types.map((t) => [t.code, t.nameZh]));
      await watchLapsedCertificates(
        tx,
        rows.map((r) => ({ id: r.id, number: r.number, typeNameZh: typeName.get(r.typeCode) ?? r.typeCode, event: "expired" as const, reason: null })),
      );
      return rows.length;
    });
    total += done;
    if (done < batchSize) return total;
  }
}
