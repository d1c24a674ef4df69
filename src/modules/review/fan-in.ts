import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { noticeDeadline } from "../applications/notice-items";
import { applyApplicationEvent, type ApplicationRow } from "../applications/transition";
import { supplementNotices, type NoticeItem } from "../applications/schema";
import { recordAudit } from "../audit/record-audit";
import { shanghaiDate } from "@/lib/dates";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { entities } from "../identity/schema";
import { applicantUserIds } from "../identity/recipients";
import { issueCaseDocument } from "../documents/issue-document";
import { notify } from "../notifications/notify";
import type { CertificateAuditAction } from "../sharing/model";
import { issueCertificate } from "../sharing/registry";
import { startPauses } from "./clock";
import { runApplicationApproved, runStepsApproved } from "./effects";
import { stageMaterialsOwed } from "../applications/stage-materials";
import { holdForMaterials } from "./hold-for-materials";
import { fanIn, initialTaskStatus } from "./model";
import { openTasks } from "./open-tasks";
import { reviewTasks } from "./schema";
import { applyTaskEventToAll } from "./transition";
import { reportJointPart } from "../applications/joint-outgoing";

/**
 * Decides what the application does after one of its tasks changed. Must run in the deciding
 * transaction with the application row locked (see lockApplication): concurrent last approvers
 * are serialised, so exactly one of them sees every task approved and approves the application.
 */
export async function runFanIn(tx: Db, decided: ApplicationRow, actor: Actor | null, now: Date): Promise<ApplicationRow> {
  const after = await fanInOnce(tx, decided, actor, now);
  // 多地联办: a partner node's part reports its notice or decision to the lead node (outbox).
  await reportJointPart(tx, decided, after, now);
  return after;
}

async function fanInOnce(tx: Db, decided: ApplicationRow, actor: Actor | null, now: Date): Promise<ApplicationRow> {
  let app = decided;
  const tasks = await tx.select().from(reviewTasks).where(eq(reviewTasks.applicationId, app.id));
  // Starting a business: market regulation's approval registers the enterprise before the other
  // departments' tasks open, so they read its licence through the gate.
  app = await runStepsApproved(tx, app, new Set(tasks.filter((t) => t.status === "approved").map((t) => t.stepKey)), actor, now);
  const needsOf = new Map(app.plan.map((s) => [s.key, s.needs]));
  // A staged bundle: a step ready to start waits while the applicant owes its stage's materials.
  const approvedKeys = new Set(tasks.filter((t) => t.status === "approved").map((t) => t.stepKey));
  const ready = tasks.filter((t) => t.status === initialTaskStatus && (needsOf.get(t.stepKey) ?? []).every((n) => approvedKeys.has(n))).map((t) => t.stepKey);
  const { owed } = await stageMaterialsOwed(tx, app, ready);
  const outcome = fanIn(
    tasks.map((t) => ({
      key: t.stepKey,
      status: t.status,
      needs: needsOf.get(t.stepKey) ?? [],
      materialsOwed: (owed.get(t.stepKey)?.required.length ?? 0) > 0,
    })),
  );
  const who = actor ? { userId: actor.userId, role: actor.role } : null;
  const params = { trackingNumber: app.trackingNumber ?? "", title: app.titleZh };

  switch (outcome.kind) {
    case "continue":
      await openTasks(tx, app, outcome.open, actor, now);
      await holdForMaterials(tx, app, outcome.held, owed, actor, now);
      return app;

    case "awaitMaterials":
      await holdForMaterials(tx, app, outcome.held, owed, actor, now);
      return app;

    case "deny": {
      const denial = tasks.find((t) => t.status === "denied");
      const cancelled = await applyTaskEventToAll(
        tx,
        tasks.filter((t) => outcome.cancel.includes(t.stepKey)),
        "cancel",
        { actor, now },
      );
      const denied = await applyApplicationEvent(tx, app, "deny", {
        actor,
        now,
        patch: { decidedAt: now, refusalReason: denial?.reason ?? null },
        data: { deniedBy: denial?.departmentId, cancelled: cancelled.length },
      });
      // 不予行政许可决定书 (art. 38 para. 2): the reason, what the denial cancelled, the remedies.
      if (denial) {
        await issueCaseDocument(
          tx,
          denied,
          { kind: "denialDecision", departmentId: denial.departmentId, reason: denial.reason ?? "", cancelledStepKeys: cancelled.map((t) => t.stepKey) },
          actor,
          now,
        );
      }
      await notify(tx, {
        kind: "applicationDenied",
        to: { userIds: await applicantUserIds(tx, app, now) },
        applicationId: app.id,
        params: { ...params, reason: denial?.reason ?? "" },
      });
      return denied;
    }

    case "supplement": {
      // One notice with every department's requests (一次性告知); their clocks stop until the
      // applicant answers. Approvals already given stand.
      // In the order of the plan's steps, so the notice reads the same however the tasks were stored.
      const order = new Map(app.plan.map((s, i) => [s.key, i]));
      const asking = tasks.filter((t) => outcome.asking.includes(t.stepKey)).sort((a, b) => (order.get(a.stepKey) ?? 0) - (order.get(b.stepKey) ?? 0));
      const items: NoticeItem[] = asking.flatMap((t) => (t.supplementItems ?? []).map((i) => ({ ...i, departmentId: t.departmentId, taskId: t.id })));
      const { dueDays, dueAt } = await noticeDeadline(
        tx,
        app,
        asking.map((t) => t.departmentId),
        now,
      );
      const [notice] = await tx.insert(supplementNotices).values({ applicationId: app.id, stage: "review", items, issuedAt: now, dueDays, dueAt }).returning();
      await startPauses(
        tx,
        asking.map((t) => t.id),
        now,
      );
      const updated = await applyApplicationEvent(tx, app, "requestSupplement", {
        actor,
        now,
        data: { departments: asking.length, items: items.length, dueAt: dueAt.toISOString() },
      });
      await issueCaseDocument(tx, updated, { kind: "supplementNotice", notice: notice! }, actor, now);
      await notify(tx, {
        kind: "supplementNotice",
        to: { userIds: await applicantUserIds(tx, app, now) },
        applicationId: app.id,
        params: { ...params, count: items.length, dueDate: shanghaiDate(dueAt) },
      });
      return updated;
    }

    case "approve": {
      const approved = await applyApplicationEvent(tx, app, "approve", { actor, now, patch: { decidedAt: now } });
      const issuedOn = shanghaiDate(now);
      const typeCodes = [...new Set(app.plan.flatMap((s) => (s.issuesCertificateType ? [s.issuesCertificateType] : [])))];
      const types = typeCodes.length ? await tx.select().from(certificateTypes).where(inArray(certificateTypes.code, typeCodes)) : [];
      // Certificates go to the enterprise the application registered, if it registered one.
      const [registered] = app.registeredEntityId ? await tx.select().from(entities).where(eq(entities.id, app.registeredEntityId)) : [];
      const issued: Array<{ typeCode: string; number: string }> = [];
      const holder = registered ? { code: registered.creditCode, name: registered.name } : { code: app.holderCode, name: app.applicantName };
      for (const type of types) {
        const cert = await issueCertificate(tx, {
          typeCode: type.code,
          holderCode: holder.code,
          holderName: holder.name,
          answers: app.formData,
          facts: {
            trackingNumber: app.trackingNumber ?? null,
            legalRepresentative: registered?.legalRepresentative ?? null,
            legalRepresentativeIdNumber: registered?.legalRepresentativeIdNumber ?? null,
          },
          sourceApplicationId: app.id,
          issuedOn,
        });
        issued.push({ typeCode: type.code, number: cert.number });
        if (!cert.created) continue; // issued when its step was approved
        await recordAudit<CertificateAuditAction>(tx, {
          streamId: app.id,
          actor: who,
          action: "certificate.issue",
          entityType: "certificate",
          entityId: cert.id,
          to: "valid",
          data: { number: cert.number, type: type.code },
          at: now,
        });
        await notify(tx, {
          kind: "certificateIssued",
          to: { userIds: await applicantUserIds(tx, app, now) },
          applicationId: app.id,
          params: { trackingNumber: app.trackingNumber ?? "", certificate: type.nameZh, number: cert.number },
        });
      }
      // Credit records each licence granted (行政许可信息), in this transaction.
      await runApplicationApproved(tx, approved, issued, holder, now);
      await notify(tx, { kind: "applicationApproved", to: { userIds: await applicantUserIds(tx, app, now) }, applicationId: app.id, params });
      await issueCaseDocument(tx, approved, { kind: "approvalDecision", certificates: issued }, actor, now);
      // 办结: certificates are issued, so the case is closed in the same transaction.
      const completed = await applyApplicationEvent(tx, approved, "complete", { actor, now, patch: { completedAt: now } });
      await issueCaseDocument(tx, completed, { kind: "completionNotice", certificates: issued }, actor, now);
      return completed;
    }
  }
}
