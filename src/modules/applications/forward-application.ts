import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, lte } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { isRegionCode, regions } from "@/lib/regions";
import type { Db } from "@/server/db/client";
import type { ExchangeClient } from "../exchange/client";
import { protocolVersion } from "../exchange/model";
import { ZForwardingResponse, type ForwardingRequest } from "../exchange/protocol";
import type { Actor } from "../identity/model";
import { users } from "../identity/schema";
import { forwardingOpening } from "../recognition/forwarding-openings";
import { applyForwardingEvent } from "./forwarding-transition";
import { forwardingRetryDelayMs } from "./model";
import { forwardingFiles, forwardings } from "./schema";
import { sniffMediaType } from "./upload-file";
import { maxForwardedFileBytes, ZForwardApplicationInput } from "./inputs";

export type ForwardApplicationInput = z.input<typeof ZForwardApplicationInput>;

// 异地代收代办 at the accepting node: the window clerk checks the applicant's identity and the
// original materials at the counter, then forwards the application to the competent region's
// node. The forwarding is stored first (the outbox) and delivered after the transaction; a peer
// that is down or too slow leaves it `waiting`, and `deliverDueForwardings` (the
// `forwardings.deliver` job) tries again with backoff until the competent node answers.

/** At most 4 MiB a file (see `ZForwardApplicationInput`). */
export { maxForwardedFileBytes } from "./inputs";

/**
 * The window clerk forwards an application for another region's service. Checks the service is
 * open to this node's windows, the files (PDF, PNG or JPEG by their content); stores the
 * forwarding with its files in one transaction, then tries to deliver it once.
 */
export async function forwardApplication(
  db: Db,
  clerk: Actor,
  raw: ForwardApplicationInput,
  deps: { client: ExchangeClient },
  now: Date = new Date(),
): Promise<{ id: string; status: string }> {
  if (clerk.role !== "windowClerk" || clerk.agency) throw new DomainError("forbidden", "errors.forbidden");
  const input = ZForwardApplicationInput.parse(raw);
  const region = deps.client.region;
  if (!deps.client.knowsPeer(input.toRegion)) throw new DomainError("invalidInput", "applications.forwarding.errors.unknownRegion", { field: "toRegion" });
  const opening = await forwardingOpening(db, { competentRegion: input.toRegion, acceptingRegion: region, serviceCode: input.serviceCode });
  if (!opening) throw new DomainError("invalidInput", "applications.forwarding.errors.notOpen", { field: "serviceCode" });
  const files = input.files.map((f) => {
    const content = Buffer.from(f.contentBase64, "base64");
    const path = `files.${f.materialKey}`;
    if (!opening.materials.some((m) => m.key === f.materialKey))
      throw new DomainError("invalidInput", "applications.forwarding.errors.unknownMaterial", { field: path });
    if (content.byteLength === 0 || content.byteLength > maxForwardedFileBytes)
      throw new DomainError("invalidInput", "errors.upload.tooLarge", { field: path, params: { max: "4 MB" } });
    const mediaType = sniffMediaType(content);
    if (!mediaType) throw new DomainError("invalidInput", "errors.upload.type", { field: path });
    return {
      materialKey: f.materialKey,
      fileName: f.fileName.replace(/[\\/\p{Cc}]/gu, "_").slice(0, 200),
      mediaType,
      content,
      sha256: createHash("sha256").update(content).digest("hex"),
    };
  });
  if (new Set(files.map((f) => f.materialKey)).size !== files.length)
    throw new DomainError("invalidInput", "applications.forwarding.errors.duplicateMaterial", { field: "files" });
  const formData = Object.fromEntries(Object.entries(input.formData).filter(([k, v]) => v.trim() !== "" && opening.fields.some((f) => f.key === k)));
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(forwardings)
      .values({
        toRegion: input.toRegion,
        serviceCode: opening.serviceCode,
        serviceNameZh: opening.nameZh,
        serviceNameEn: opening.nameEn,
        clerkUserId: clerk.userId,
        applicantKind: input.applicantKind,
        holderCode: input.holderCode,
        applicantName: input.applicantName,
        situations: input.situations,
        formData,
        status: "waiting",
        checkedAt: now,
        createdAt: now,
        nextAttemptAt: now,
      })
      .returning({ id: forwardings.id });
    if (!row) throw new Error("forwarding not stored");
    if (files.length > 0) await tx.insert(forwardingFiles).values(files.map((f) => ({ forwardingId: row.id, ...f })));
    return row.id;
  });
  const status = await deliverForwarding(db, deps.client, id, now);
  return { id, status };
}

/**
 * Sends one waiting forwarding to the competent node and records what came of it. Safe to run
 * twice at once or after a lost answer: the competent node is idempotent by the forwarding's id,
 * and the recording is conditional on the row's status and version.
 */
export async function deliverForwarding(db: Db, client: ExchangeClient, id: string, now: Date = new Date()): Promise<string> {
  const [row] = await db.select().from(forwardings).where(eq(forwardings.id, id));
  if (!row) throw new DomainError("notFound", "errors.notFound");
  if (row.status !== "waiting") return row.status;
  const [clerk] = await db.select({ login: users.login }).from(users).where(eq(users.id, row.clerkUserId));
  const files = await db.select().from(forwardingFiles).where(eq(forwardingFiles.forwardingId, id)).orderBy(asc(forwardingFiles.materialKey));
  const message: ForwardingRequest = {
    v: protocolVersion,
    kind: "forwardingRequest",
    from: client.region,
    to: row.toRegion,
    forwardingId: row.id,
    service: row.serviceCode,
    window: {
      nameZh: windowName.zh(client.region),
      nameEn: windowName.en(client.region),
      clerk: clerk?.login.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 64) || "clerk",
    },
    applicant: { kind: row.applicantKind, holderCode: row.holderCode, name: row.applicantName },
    situations: row.situations,
    formData: row.formData,
    materials: files.map((f) => ({
      key: f.materialKey,
      fileName: f.fileName,
      mediaType: f.mediaType as "application/pdf",
      sha256: f.sha256,
      content: f.content.toString("base64"),
    })),
    checkedAt: row.checkedAt.toISOString(),
    timestamp: now.toISOString(),
    nonce: randomBytes(18).toString("base64url"),
  };
  const result = await client.postSigned("/api/exchange/forwardings", message, ZForwardingResponse, now);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(forwardings).where(eq(forwardings.id, id)).for("update");
    if (!current || current.status !== "waiting") return current?.status ?? "waiting";
    if (result.status === "down") {
      const attempts = current.attempts + 1;
      await tx
        .update(forwardings)
        .set({ attempts, lastError: result.reason, nextAttemptAt: new Date(now.getTime() + forwardingRetryDelayMs(attempts)) })
        .where(and(eq(forwardings.id, id), eq(forwardings.version, current.version)));
      return "waiting";
    }
    if (result.status === "refused") {
      await applyForwardingEvent(tx, current, "refuse", {
        answeredAt: now,
        nextAttemptAt: null,
        reasons: [{ code: `exchange.refusal.${result.code}`, field: null }],
      });
      return "refused";
    }
    const answer = result.payload;
    if (answer.outcome === "returned") {
      await applyForwardingEvent(tx, current, "return", { answeredAt: now, nextAttemptAt: null, reasons: answer.reasons });
      return "returned";
    }
    await applyForwardingEvent(tx, current, "accept", {
      answeredAt: now,
      nextAttemptAt: null,
      lastError: null,
      remoteTrackingNumber: answer.trackingNumber,
      remoteStatus: answer.status,
      remoteUpdatedAt: now,
    });
    return "accepted";
  });
}

/** The outbox job: delivers the waiting forwardings whose next attempt is due, oldest first. */
export async function deliverDueForwardings(db: Db, client: ExchangeClient, now: Date = new Date(), options: { batchSize?: number } = {}): Promise<number> {
  const due = await db
    .select({ id: forwardings.id })
    .from(forwardings)
    .where(and(eq(forwardings.status, "waiting"), lte(forwardings.nextAttemptAt, now)))
    .orderBy(asc(forwardings.nextAttemptAt))
    .limit(options.batchSize ?? 20);
  for (const { id } of due) await deliverForwarding(db, client, id, now);
  return due.length;
}

/** The accepting window as the competent node shows it (one unified window per node in this version). */
const windowName = {
  zh: (region: string) => `${isRegionCode(region) ? regions[region].nameZh : region}政务服务中心综合窗口`,
  en: (region: string) => `${isRegionCode(region) ? regions[region].nameEn : region} government service centre, unified window`,
};
