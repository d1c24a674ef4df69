import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { shanghaiDate } from "@/lib/dates";
import { certificateTypes } from "../catalog/schema";
import { certificates } from "./registry-schema";
import { watchLapsedCertificates } from "./watch";

/**
 * The expiry job: marks certificates whose validity ended before today as expired and tells the
 * open applications relying on them. A conditional update per batch, so two runs act once.
 */
export async function expireCertificates(db: Db, now: Date = new Date(), options: { batchSize?: number } = {}): Promise<number> {
  const today = shanghaiDate(now);
  const batchSize = options.batchSize ?? 200;
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: certificates.id })
        .from(certificates)
        .where(and(eq(certificates.status, "valid"), lt(certificates.validUntil, today)))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      if (due.length === 0) return 0;
      const rows = await tx
        .update(certificates)
        .set({ status: "expired" })
        .where(and(inArray(certificates.id, due.map((d) => d.id)), eq(certificates.status, "valid")))
        .returning({ id: certificates.id, number: certificates.number, typeCode: certificates.typeCode });
      const types = await tx.select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh }).from(certificateTypes);
      const typeName = new Map(types.map((t) => [t.code, t.nameZh]));
      for (const r of rows) {
        await recordAudit(tx, { streamId: "certificates", actor: null, action: "certificate.expire", entityType: "certificate", entityId: r.id, from: "valid", to: "expired", data: { number: r.number }, at: now });
      }
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
