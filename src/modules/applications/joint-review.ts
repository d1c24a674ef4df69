import { and, eq, sql } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { regions, isRegionCode } from "@/lib/regions";
import type { Db } from "@/server/db/client";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import { publishedService } from "../catalog/read-catalog";
import type { JointDelivered, JointHandled, JointHandlers, JointOutboxRow } from "../exchange/joint";
import type { JointOpen, JointUpdate } from "../exchange/protocol";
import { recordVisitingEntity } from "../identity/create-entity";
import { departments, users } from "../identity/schema";
import { dataResources, foreignGrants } from "../sharing/schema";
import { reviewTasks } from "../review/schema";
import { applyTaskEvent } from "../review/transition";
import { acceptInTransaction } from "./accept-application";
import { moveJointPart } from "./joint-part-transition";
import { applications, jointParts, type NoticeItem } from "./schema";
import { assignTrackingNumber } from "./tracking-number";
import { applyApplicationEvent, lockApplication, type ApplicationRow } from "./transition";

// 多地联办 (issue 14): a bundle whose steps belong to departments of two regions, each reviewing its
// part on its own node, with one merged notice and one completion on the lead node.
//
// Lead node: when a step with a partner opens, it becomes a remote task (never claimed here) and
// a `jointOpen` goes to the outbox in the same transaction. The partner's updates move the remote
// task through the task machine (`partnerRequestSupplement`, `partnerApprove`, `partnerDeny`) and
// run the fan-in, so the partner's requests join the one notice and the application completes
// only when every step, local and remote, is decided.
//
// Partner node: a `jointOpen` for a published service under a grant in force opens an application
// of that service, accepted at once, its tasks in the competent department's queue; the fan-in on
// that application reports back (`jointUpdate`) through the outbox.

export type JointPartRow = typeof jointParts.$inferSelect;

/** Lead node: the outbox job recorded the partner's answer to a `jointOpen` (opened, with its reference, or refused with a code). */
export const jointDelivered: JointDelivered = async (tx, row: JointOutboxRow, delivery) => {
  if (row.kind !== "jointOpen" || !row.applicationId || !row.stepKey) return;
  const [part] = await tx
    .select()
    .from(jointParts)
    .where(and(eq(jointParts.side, "lead"), eq(jointParts.applicationId, row.applicationId), eq(jointParts.stepKey, row.stepKey)));
  if (!part || part.status !== "waitingToSend") return;
  if (delivery.status === "acknowledged") await moveJointPart(tx, part, "open", { partnerReference: delivery.ack.reference });
  else await moveJointPart(tx, part, "refuse", { refusalCode: delivery.code });
};

/** An enterprise's credit code, or a person's ID number (17 digits and a check character). */
function holderKind(code: string): "enterprise" | "citizen" {
  return /^\d{17}[\dX]$/.test(code) && !/^9/.test(code) ? "citizen" : "enterprise";
}

/**
 * Partner node: opens its part of a lead region's bundle. Refused, with nothing written: a service
 * this node does not publish (`unknownService`); no grant in force from this node's data office
 * to the lead region's department for the bundle (`purposeNotGranted`). The same part sent again
 * (a new message id for a part already opened) answers with the part's reference.
 */
export async function receiveJointOpen(tx: Db, message: JointOpen, now: Date): Promise<JointHandled> {
  const [existing] = await tx
    .select({ applicationId: jointParts.applicationId })
    .from(jointParts)
    .where(
      and(
        eq(jointParts.side, "partner"),
        eq(jointParts.leadRegion, message.from.region),
        eq(jointParts.leadApplicationRef, message.application),
        eq(jointParts.stepKey, message.step),
      ),
    );
  if (existing) {
    const [app] = await tx.select({ trackingNumber: applications.trackingNumber }).from(applications).where(eq(applications.id, existing.applicationId));
    return { status: "taken", reference: app?.trackingNumber ?? null };
  }
  const service = await publishedService(tx, message.service);
  if (!service) return { status: "refused", code: "unknownService" };
  // The exchange grant rules decide: this node's data office granted the lead region's department
  // a resource for the lead's bundle (foreign_grants, status approved).
  const [grant] = await tx
    .select({ id: foreignGrants.id })
    .from(foreignGrants)
    .innerJoin(dataResources, eq(dataResources.id, foreignGrants.resourceId))
    .where(
      and(
        eq(foreignGrants.consumerRegion, message.from.region),
        eq(foreignGrants.consumerDepartmentCode, message.from.department),
        eq(foreignGrants.status, "approved"),
        sql`${message.bundle} = any(${foreignGrants.serviceCodes})`,
      ),
    )
    .limit(1);
  if (!grant) return { status: "refused", code: "purposeNotGranted" };
  // The part is filed by this node's window on the lead's behalf (异地 acceptance is the lead's; the
  // partner's window is who answers for it here).
  const [clerk] = await tx.select({ id: users.id }).from(users).where(eq(users.role, "windowClerk")).orderBy(users.login).limit(1);
  if (!clerk) return { status: "refused", code: "unknownService" };
  const [department] = await tx.select({ divisionCode: departments.divisionCode }).from(departments).where(eq(departments.id, service.departmentId));
  const plan = await loadApplicationPlan(tx, { kind: "service", code: service.code });
  // Only an enterprise's bundle is reviewed jointly for now: a person's part is refused.
  if (holderKind(message.holder) !== "enterprise") return { status: "refused", code: "unknownService" };
  const entity = await recordVisitingEntity(tx, { creditCode: message.holder, name: message.holderName }, now);
  const lead = isRegionCode(message.from.region) ? regions[message.from.region] : null;
  const [draft] = await tx
    .insert(applications)
    .values({
      filedByUserId: clerk.id,
      filedAs: "window",
      applicantKind: "enterprise",
      entityId: entity.id,
      holderCode: message.holder,
      applicantName: message.holderName,
      serviceId: plan.id,
      titleZh: `${plan.nameZh}（${lead?.nameZh ?? message.from.region}联办 ${message.application}）`.slice(0, 300),
      titleEn: `${plan.nameEn} (joint review with ${lead?.nameEn ?? message.from.region}, ${message.application})`.slice(0, 300),
      status: "draft",
      idempotencyKey: `joint:${message.from.region}:${message.application}:${message.step}`,
      formData: {},
      situations: {},
      plan: plan.steps,
      divisionCode: department?.divisionCode ?? "000000",
    })
    .returning();
  let app = await applyApplicationEvent(tx, draft!, "submit", { actor: null, now, patch: { submittedAt: now }, data: { joint: message.from.region } });
  app = await assignTrackingNumber(tx, app, shanghaiDate(now));
  await tx
    .insert(jointParts)
    .values({
      side: "partner",
      applicationId: app.id,
      peerRegion: message.from.region,
      leadRegion: message.from.region,
      partnerRegion: message.to,
      leadApplicationRef: message.application,
      stepKey: message.step,
      partnerServiceCode: message.service,
      status: "opened",
      partnerReference: app.trackingNumber,
      createdAt: now,
    });
  await acceptInTransaction(tx, app, null, now);
  return { status: "taken", reference: app.trackingNumber };
}

/**
 * Lead node: a partner's update on its part. Moves the remote task through the task machine and
 * runs the fan-in with the application locked: the partner's requests join the one notice once
 * every running task has spoken; the application completes when every step is decided; a denial
 * on either side denies it. Refused: an update for a part this node never sent (`unknownPart`).
 */
export async function receiveJointUpdate(
  tx: Db,
  message: JointUpdate,
  now: Date,
  runFanIn: (tx: Db, app: ApplicationRow, now: Date) => Promise<unknown>,
): Promise<JointHandled> {
  const [part] = await tx
    .select()
    .from(jointParts)
    .where(
      and(
        eq(jointParts.side, "lead"),
        eq(jointParts.peerRegion, message.from),
        eq(jointParts.leadApplicationRef, message.application),
        eq(jointParts.stepKey, message.step),
      ),
    );
  if (!part?.taskId) return { status: "refused", code: "unknownPart" };
  const app = await lockApplication(tx, part.applicationId);
  const [task] = await tx.select().from(reviewTasks).where(eq(reviewTasks.id, part.taskId));
  if (!task) return { status: "refused", code: "unknownPart" };
  const event = message.event;
  if (event.type === "certificateIssued") {
    const { type: _type, ...certificate } = event;
    await tx
      .update(jointParts)
      .set({ certificates: [...part.certificates.filter((c) => c.number !== certificate.number), certificate] })
      .where(eq(jointParts.id, part.id));
    return { status: "taken", reference: part.partnerReference };
  }
  // A remote task moves only from `open` (the partner decides; nobody claims it here).
  if (task.status !== "open") return { status: "refused", code: "unknownPart" };
  const partner = isRegionCode(message.from) ? regions[message.from] : null;
  if (event.type === "supplementRequested") {
    const items: NoticeItem[] = event.items.map((i) => ({
      kind: i.kind,
      departmentId: task.departmentId,
      taskId: task.id,
      materialKeys: [],
      // The applicant reads which region asks: the request is shown as the partner's reviewer wrote it.
      text: `【${partner?.nameZh ?? message.from}】${i.text}`,
      legalBasis: i.legalBasis,
    }));
    await applyTaskEvent(tx, task, "partnerRequestSupplement", { actor: null, now, patch: { supplementItems: items }, data: { partner: message.from } });
  } else {
    await applyTaskEvent(tx, task, event.outcome === "approved" ? "partnerApprove" : "partnerDeny", {
      actor: null,
      now,
      patch: { decidedAt: now, reason: event.reason },
      data: { partner: message.from, reference: part.partnerReference },
    });
  }
  if (app.status === "inReview") await runFanIn(tx, app, now);
  return { status: "taken", reference: part.partnerReference };
}

/** The joint parts of an application on this node (the case page: remote steps, their partner, waiting or refused). */
export async function jointPartsOf(db: Db, applicationId: string): Promise<JointPartRow[]> {
  return db.select().from(jointParts).where(eq(jointParts.applicationId, applicationId));
}

/** The handlers the exchange's joint endpoint calls, for a node of `region`. */
export function jointHandlers(runFanIn: (tx: Db, app: ApplicationRow, now: Date) => Promise<unknown>): JointHandlers {
  return { open: (tx, message, now) => receiveJointOpen(tx, message, now), update: (tx, message, now) => receiveJointUpdate(tx, message, now, runFanIn) };
}
