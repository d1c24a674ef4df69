import { and, desc, eq } from "drizzle-orm";
import { env } from "@/server/env";
import type { Db } from "@/server/db/client";
import type { PlanStep } from "../catalog/plan";
import { bundles } from "../catalog/schema";
import { enqueueJointMessage } from "../exchange/joint";
import { departments } from "../identity/schema";
import type { TaskRow } from "../review/transition";
import { initialJointPartStatus } from "./model";
import { jointParts, supplementNotices } from "./schema";
import type { ApplicationRow } from "./transition";

// 多地联办: what casework sends a partner or lead node, written to the exchange's outbox in the
// transaction that decided it (see joint-review.ts for what it receives).

/** Whether a plan step is decided on another region's node. */
export function isRemoteStep(step: Pick<PlanStep, "partner"> | undefined): step is PlanStep & { partner: { region: string; serviceCode: string } } {
  return Boolean(step?.partner);
}

/**
 * Lead node, in the transaction that opened the tasks: each opened task of a partner's step
 * becomes a remote task with a joint part waiting to be sent, and its `jointOpen` in the outbox.
 */
export async function openRemoteParts(tx: Db, app: ApplicationRow, opened: readonly TaskRow[], now: Date, region: string = env().REGION): Promise<void> {
  const stepOf = new Map(app.plan.map((s) => [s.key, s]));
  const remote = opened.filter((t) => isRemoteStep(stepOf.get(t.stepKey)));
  if (remote.length === 0) return;
  const [bundle] = app.bundleId ? await tx.select({ code: bundles.code }).from(bundles).where(eq(bundles.id, app.bundleId)) : [];
  for (const task of remote) {
    const step = stepOf.get(task.stepKey)!;
    const partner = step.partner!;
    const [department] = await tx.select({ code: departments.code }).from(departments).where(eq(departments.id, task.departmentId));
    const [part] = await tx
      .insert(jointParts)
      .values({
        side: "lead",
        applicationId: app.id,
        taskId: task.id,
        peerRegion: partner.region,
        leadRegion: region,
        partnerRegion: partner.region,
        leadApplicationRef: app.trackingNumber ?? app.id,
        stepKey: task.stepKey,
        partnerServiceCode: partner.serviceCode,
        status: initialJointPartStatus,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!part) continue; // opened before (a step opens once; a reopened case keeps its part)
    await enqueueJointMessage(
      tx,
      {
        kind: "jointOpen",
        from: { region, department: department?.code ?? "unknown" },
        to: partner.region,
        bundle: bundle?.code ?? "service",
        application: part.leadApplicationRef,
        step: task.stepKey,
        service: partner.serviceCode,
        holder: app.holderCode,
        holderName: app.applicantName.slice(0, 200),
        title: app.titleZh.slice(0, 500),
      },
      { peerRegion: partner.region, applicationId: app.id, stepKey: task.stepKey },
      now,
    );
  }
}

/**
 * Partner node, at the end of every fan-in on an application: if it is a joint part, what its
 * review came to goes back to the lead — the merged notice's requests, or the decision — through
 * the outbox, in the deciding transaction.
 */
export async function reportJointPart(tx: Db, before: ApplicationRow, after: ApplicationRow, now: Date): Promise<void> {
  if (before.status === after.status) return;
  const [part] = await tx
    .select()
    .from(jointParts)
    .where(and(eq(jointParts.side, "partner"), eq(jointParts.applicationId, after.id)));
  if (!part) return;
  const base = { kind: "jointUpdate" as const, from: part.partnerRegion, to: part.leadRegion, application: part.leadApplicationRef, step: part.stepKey };
  const where = { peerRegion: part.leadRegion, applicationId: after.id, stepKey: part.stepKey };
  const clip = (s: string) => s.replace(/\p{Cc}+/gu, " ").slice(0, 500) || "—";
  if (after.status === "supplementRequired") {
    const [notice] = await tx
      .select()
      .from(supplementNotices)
      .where(eq(supplementNotices.applicationId, after.id))
      .orderBy(desc(supplementNotices.issuedAt))
      .limit(1);
    const items = (notice?.items ?? [])
      .slice(0, 20)
      .map((i) => ({
        kind: i.kind === "question" ? ("question" as const) : ("document" as const),
        text: clip(i.text),
        legalBasis: i.legalBasis ? clip(i.legalBasis) : null,
      }));
    if (items.length) await enqueueJointMessage(tx, { ...base, event: { type: "supplementRequested", items } }, where, now);
  } else if (after.status === "denied") {
    await enqueueJointMessage(
      tx,
      { ...base, event: { type: "decided", outcome: "denied", reason: after.refusalReason ? clip(after.refusalReason) : null } },
      where,
      now,
    );
  } else if (after.status === "completed") {
    await enqueueJointMessage(tx, { ...base, event: { type: "decided", outcome: "approved", reason: null } }, where, now);
  }
}
