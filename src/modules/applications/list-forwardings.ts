import { desc } from "drizzle-orm";
import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { listForwardingOpenings } from "../recognition/forwarding-openings";
import { forwardingStatuses } from "./model";
import { forwardings } from "./schema";

const item = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() });

/** The window's forwarded applications (异地代收代办) and the services it may accept for other regions. */
export const ZForwardingsView = z.object({
  openings: z.array(
    item.extend({
      competentRegion: z.string(),
      serviceCode: z.string(),
      situations: z.array(item.extend({ options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })) })),
      fields: z.array(item),
      materials: z.array(item),
    }),
  ),
  forwardings: z.array(
    z.object({
      id: z.string(),
      toRegion: z.string(),
      serviceNameZh: z.string(),
      serviceNameEn: z.string(),
      applicantName: z.string(),
      holderCode: z.string(),
      status: z.enum(forwardingStatuses),
      createdAt: z.date(),
      attempts: z.number(),
      nextAttemptAt: z.date().nullable(),
      lastError: z.string().nullable(),
      reasons: z.array(z.object({ code: z.string(), field: z.string().nullable() })),
      remoteTrackingNumber: z.string().nullable(),
      remoteStatus: z.string().nullable(),
      remoteUpdatedAt: z.date().nullable(),
    }),
  ),
});
export type ForwardingsView = z.infer<typeof ZForwardingsView>;

/** The window clerks of this node see every forwarding of the node's windows, newest first (at most 100). */
export async function listForwardings(db: Db, clerk: Actor, region: string): Promise<ForwardingsView> {
  if (clerk.role !== "windowClerk") throw new DomainError("forbidden", "errors.forbidden");
  const openings = await listForwardingOpenings(db, { acceptingRegion: region });
  const rows = await db.select().from(forwardings).orderBy(desc(forwardings.createdAt)).limit(100);
  return {
    openings: openings.map((o) => ({
      key: `${o.competentRegion}:${o.serviceCode}`,
      competentRegion: o.competentRegion,
      serviceCode: o.serviceCode,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      situations: o.situations,
      fields: o.fields,
      materials: o.materials,
    })),
    forwardings: rows.map((r) => ({
      id: r.id,
      toRegion: r.toRegion,
      serviceNameZh: r.serviceNameZh,
      serviceNameEn: r.serviceNameEn,
      applicantName: r.applicantName,
      holderCode: r.holderCode,
      status: r.status,
      createdAt: r.createdAt,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt,
      lastError: r.lastError,
      reasons: r.reasons ?? [],
      remoteTrackingNumber: r.remoteTrackingNumber,
      remoteStatus: r.remoteStatus,
      remoteUpdatedAt: r.remoteUpdatedAt,
    })),
  };
}
