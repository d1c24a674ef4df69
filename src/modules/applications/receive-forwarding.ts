import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { isDomainError, isZodErrorLike } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { ExchangeClient } from "../exchange/client";
import { checkIncoming, logIncoming, refuseIncoming, signedAnswer } from "../exchange/incoming";
import { protocolVersion } from "../exchange/model";
import type { ExchangeNode } from "../exchange/node";
import type { Answer } from "../exchange/receive";
import {
  maxForwardingBytes,
  ZForwardingRequest,
  ZStatusAck,
  ZStatusUpdate,
  type ForwardingReason,
  type ForwardingResponse,
  type StatusUpdate,
} from "../exchange/protocol";
import { actForEnterpriseCode } from "../identity/acting";
import { loadActor } from "../identity/authenticate";
import type { Actor } from "../identity/model";
import { shanghaiDate } from "@/lib/dates";
import { citizens, entities } from "../identity/schema";
import { forwardingOpening } from "../recognition/forwarding-openings";
import { acceptInTransaction } from "./accept-application";
import { forwardingRetryDelayMs } from "./model";
import { applications, forwardedApplications, forwardings } from "./schema";
import { submitApplication } from "./submit-application";
import { lockApplication } from "./transition";
import { uploadFile } from "./upload-file";

// 异地代收代办 at the competent node: a forwarded application arrives signed by the accepting
// node. After the exchange's checks (incoming.ts) and the opening (the service must be open to
// forwarding from that region), it becomes a normal application of the applicant, submitted and
// accepted through the usual path (tasks to the departments, clocks start) in one transaction,
// marked as accepted on this node's behalf by the other region's window. Anything the usual
// validation refuses comes back as reasons and nothing is created. Idempotent by the forwarding's id.

const purpose = "forwarding";

/** A message key (without its parameters) as a reason code. */
function reasonCode(message: string): string {
  return /^[A-Za-z][A-Za-z0-9_.]{0,127}/.exec(message)?.[0] ?? "errors.invalidInput";
}

/** The validation failure as the coded reasons the window sees. */
function reasonsOf(e: unknown): ForwardingReason[] | null {
  if (isZodErrorLike(e)) return e.issues.slice(0, 50).map((i) => ({ code: reasonCode(i.message), field: i.path.map(String).join(".").slice(0, 64) || null }));
  if (isDomainError(e) && (e.code === "invalidInput" || e.code === "forbidden" || e.code === "notFound"))
    return [{ code: reasonCode(e.message), field: e.field?.slice(0, 64) ?? null }];
  return null;
}

/**
 * The applicant at this node, acting as they would when signed in: the enterprise through its
 * legal representative's account (who may act for it as on any day), or the person's own account.
 * The name must be the one this node holds. An applicant this node does not know is returned: the
 * applicant registers on the competent region's portal first (or through the identity platform).
 */
async function applicantActor(
  db: Db,
  applicant: { kind: "enterprise" | "citizen"; holderCode: string; name: string },
  now: Date,
): Promise<Actor | ForwardingReason> {
  const unknown: ForwardingReason = { code: "applications.forwarding.errors.applicantUnknown", field: "holderCode" };
  if (applicant.kind === "enterprise") {
    const [entity] = await db.select().from(entities).where(eq(entities.creditCode, applicant.holderCode));
    if (!entity) return unknown;
    if (entity.name !== applicant.name) return { code: "applications.forwarding.errors.applicantMismatch", field: "applicantName" };
    const [rep] = entity.legalRepresentativeIdNumber
      ? await db.select({ userId: citizens.userId }).from(citizens).where(eq(citizens.idNumber, entity.legalRepresentativeIdNumber))
      : [];
    const person = rep?.userId ? await loadActor(db, rep.userId) : undefined;
    const acting = person ? await actForEnterpriseCode(db, person, entity.creditCode, shanghaiDate(now)) : null;
    return acting ?? unknown;
  }
  const [person] = await db.select().from(citizens).where(eq(citizens.idNumber, applicant.holderCode));
  if (!person?.userId) return unknown;
  if (person.name !== applicant.name) return { code: "applications.forwarding.errors.applicantMismatch", field: "applicantName" };
  return (await loadActor(db, person.userId)) ?? unknown;
}

class Returned extends Error {
  constructor(readonly reasons: ForwardingReason[]) {
    super("returned");
  }
}

/** `POST /api/exchange/forwardings`: checks, creates the application once, answers signed. */
export async function answerForwarding(db: Db, node: ExchangeNode, raw: string, now: Date = new Date()): Promise<Answer> {
  const started = Date.now();
  const checked = await checkIncoming(db, node, raw, ZForwardingRequest, { purpose, now, maxLength: maxForwardingBytes });
  if (!checked.ok) return checked.answer;
  const request = checked.payload;
  const opening = await forwardingOpening(db, { competentRegion: node.region, acceptingRegion: request.from, serviceCode: request.service });
  if (!opening) return refuseIncoming(db, node, request, "serviceNotForwardable", purpose, now, started);
  const answer = (outcome: ForwardingResponse["outcome"], rest: { trackingNumber?: string | null; status?: string | null; reasons?: ForwardingReason[] }) =>
    signedAnswer(
      db,
      node,
      200,
      {
        v: protocolVersion,
        kind: "forwardingResponse",
        from: node.region,
        to: request.from,
        inReplyTo: request.nonce,
        forwardingId: request.forwardingId,
        outcome,
        trackingNumber: rest.trackingNumber ?? null,
        status: rest.status ?? null,
        reasons: rest.reasons ?? [],
        timestamp: now.toISOString(),
      },
      now,
    );
  const log = (outcome: "answered", reason: string | null, trackingNumber: string | null) =>
    logIncoming(db, {
      at: now,
      peerRegion: request.from,
      nonce: request.nonce,
      purpose,
      serviceCode: request.service,
      applicationRef: trackingNumber ?? request.forwardingId,
      holderCode: request.applicant.holderCode,
      outcome,
      reason,
      durationMs: Date.now() - started,
    });
  const existing = async () => {
    const [row] = await db
      .select({ trackingNumber: applications.trackingNumber, status: applications.status })
      .from(forwardedApplications)
      .innerJoin(applications, eq(applications.id, forwardedApplications.applicationId))
      .where(and(eq(forwardedApplications.fromRegion, request.from), eq(forwardedApplications.forwardingId, request.forwardingId)));
    return row ?? null;
  };
  // A repeat (the first answer was lost): the same application, nothing new.
  const before = await existing();
  if (before) {
    await log("answered", "repeat", before.trackingNumber);
    return answer("accepted", before);
  }
  const hashes: ForwardingReason[] = request.materials
    .filter((m) => createHash("sha256").update(Buffer.from(m.content, "base64")).digest("hex") !== m.sha256)
    .map((m) => ({ code: "applications.forwarding.errors.hashMismatch", field: `materials.${m.key}` }));
  const unknown: ForwardingReason[] = request.materials
    .filter((m) => !opening.materials.some((o) => o.key === m.key))
    .map((m) => ({ code: "applications.forwarding.errors.unknownMaterial", field: `materials.${m.key}` }));
  const actor = await applicantActor(db, request.applicant, now);
  const early = [...hashes, ...unknown, ...("code" in actor ? [actor] : [])];
  if (early.length > 0 || "code" in actor) {
    await log("answered", "returned", null);
    return answer("returned", { reasons: early });
  }
  try {
    const created = await db.transaction(async (tx) => {
      const supplies: Record<string, { kind: "upload"; uploadId: string }> = {};
      for (const m of request.materials) {
        const upload = await uploadFile(tx, actor, { fileName: m.fileName, content: Buffer.from(m.content, "base64") });
        supplies[m.key] = { kind: "upload", uploadId: upload.id };
      }
      const submitted = await submitApplication(
        tx,
        actor,
        {
          subject: { kind: "service", code: request.service },
          idempotencyKey: `fwd-${request.forwardingId}`,
          situations: request.situations,
          formData: request.formData,
          materials: supplies,
          consent: true,
        },
        now,
      );
      let app = await lockApplication(tx, submitted.id);
      // The other region's window checked identity and materials at the counter: the usual
      // acceptance follows (tasks fan out to this node's departments, their clocks start).
      if (app.status === "submitted") app = await acceptInTransaction(tx, app, null, now);
      await tx.insert(forwardedApplications).values({
        fromRegion: request.from,
        forwardingId: request.forwardingId,
        applicationId: app.id,
        windowNameZh: request.window.nameZh,
        windowNameEn: request.window.nameEn,
        clerk: request.window.clerk,
        checkedAt: new Date(request.checkedAt),
        receivedAt: now,
        // 0: the first report confirms where the application stands now.
        sentSequence: 0,
      });
      return { trackingNumber: app.trackingNumber, status: app.status };
    });
    await log("answered", null, created.trackingNumber);
    return answer("accepted", created);
  } catch (e) {
    const reasons = e instanceof Returned ? e.reasons : reasonsOf(e);
    if (!reasons) {
      // Two deliveries of one forwarding at once: the other one created it.
      const raced = await existing();
      if (raced) return answer("accepted", raced);
      throw e;
    }
    await log("answered", "returned", null);
    return answer("returned", { reasons });
  }
}

/**
 * The competent node reports the status of forwarded applications back (the `forwardings.report`
 * job): each whose application moved past the last acknowledged version and whose next report is
 * due. A peer that is down is tried again with backoff; the accepting node applies an update once.
 */
export async function reportForwardedStatuses(db: Db, client: ExchangeClient, now: Date = new Date(), options: { batchSize?: number } = {}): Promise<number> {
  const due = await db
    .select({
      fromRegion: forwardedApplications.fromRegion,
      forwardingId: forwardedApplications.forwardingId,
      attempts: forwardedApplications.reportAttempts,
      applicationId: applications.id,
      trackingNumber: applications.trackingNumber,
      status: applications.status,
      version: applications.version,
    })
    .from(forwardedApplications)
    .innerJoin(applications, eq(applications.id, forwardedApplications.applicationId))
    .where(
      and(
        gt(applications.version, forwardedApplications.sentSequence),
        or(isNull(forwardedApplications.nextReportAt), lte(forwardedApplications.nextReportAt, now)),
      ),
    )
    .orderBy(asc(forwardedApplications.receivedAt))
    .limit(options.batchSize ?? 20);
  for (const row of due) {
    // The certificate numbers travel once the gate offers a read of an application's issued
    // certificates to casework; until then the accepting node shows the status and tracking number.
    const certificateNumbers: string[] = [];
    const update: StatusUpdate = {
      v: protocolVersion,
      kind: "statusUpdate",
      from: client.region,
      to: row.fromRegion,
      forwardingId: row.forwardingId,
      trackingNumber: row.trackingNumber ?? "-",
      status: row.status,
      sequence: row.version,
      certificateNumbers,
      timestamp: now.toISOString(),
      nonce: randomBytes(18).toString("base64url"),
    };
    const result = await client.postSigned("/api/exchange/status-updates", update, ZStatusAck, now);
    const key = and(eq(forwardedApplications.fromRegion, row.fromRegion), eq(forwardedApplications.forwardingId, row.forwardingId));
    if (result.status === "answered") {
      await db
        .update(forwardedApplications)
        .set({ sentSequence: sql`greatest(${forwardedApplications.sentSequence}, ${row.version})`, reportAttempts: 0, nextReportAt: null })
        .where(key);
    } else {
      const attempts = row.attempts + 1;
      await db
        .update(forwardedApplications)
        .set({ reportAttempts: attempts, nextReportAt: new Date(now.getTime() + forwardingRetryDelayMs(attempts)) })
        .where(key);
    }
  }
  return due.length;
}

/** `POST /api/exchange/status-updates` at the accepting node: applies a newer status to its forwarding, acknowledges. */
export async function answerStatusUpdate(db: Db, node: ExchangeNode, raw: string, now: Date = new Date()): Promise<Answer> {
  const started = Date.now();
  const checked = await checkIncoming(db, node, raw, ZStatusUpdate, { purpose: "forwardingStatus", now });
  if (!checked.ok) return checked.answer;
  const update = checked.payload;
  const applied = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: forwardings.id, remoteSequence: forwardings.remoteSequence })
      .from(forwardings)
      .where(and(eq(forwardings.id, update.forwardingId), eq(forwardings.toRegion, update.from)))
      .for("update");
    if (!row) return false;
    // Facts the competent node reports, not this node's machine: a later update wins, a repeat changes nothing.
    if (update.sequence > row.remoteSequence) {
      await tx
        .update(forwardings)
        .set({
          remoteSequence: update.sequence,
          remoteStatus: update.status,
          remoteTrackingNumber: update.trackingNumber,
          remoteCertificateNumbers: update.certificateNumbers,
          remoteUpdatedAt: now,
        })
        .where(eq(forwardings.id, row.id));
    }
    return true;
  });
  if (!applied) return refuseIncoming(db, node, update, "unknownForwarding", "forwardingStatus", now, started);
  await logIncoming(db, {
    at: now,
    peerRegion: update.from,
    nonce: update.nonce,
    purpose: "forwardingStatus",
    applicationRef: update.trackingNumber,
    outcome: "answered",
    reason: null,
    durationMs: Date.now() - started,
  });
  return signedAnswer(
    db,
    node,
    200,
    {
      v: protocolVersion,
      kind: "statusAck",
      from: node.region,
      to: update.from,
      inReplyTo: update.nonce,
      forwardingId: update.forwardingId,
      timestamp: now.toISOString(),
    },
    now,
  );
}
