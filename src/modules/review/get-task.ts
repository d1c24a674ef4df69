import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { planFormOf } from "../applications/plan-form";
import { certificateTypeIdentifying } from "../catalog/certificate-types";
import { getApplication, issuedStepKeysOf, readerStepKeysOf } from "../applications/get-application";
import { isLiveApplication } from "../applications/model";
import { applications } from "../applications/schema";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { departments, users } from "../identity/schema";
import { answerGroupsOf } from "./effects";
import { loadOwnTask } from "./claim-task";
import { certificatesForSteps } from "./model";
import { standsInFor } from "./substitutes";

/**
 * A task of the reviewer's department with what the reviewer decides on: the whole application,
 * its answers grouped as the form groups them (the step's own first), and the certificates the
 * case has produced that the step builds on, read through the gate under the application's
 * purpose (by `getApplication`: a page opened again reads nothing new and logs nothing new), with
 * those not yet issued named as such.
 */
export async function getTask(db: Db, actor: Actor, taskId: string, now: Date = new Date()) {
  const task = await loadOwnTask(db, actor, taskId);
  const application = await getApplication(db, actor, task.applicationId, now);
  const coveredByMe = task.claimedBy !== actor.userId && (await standsInFor(db, actor.userId, task.claimedBy, task.departmentId, now));
  const [claimer] = task.claimedBy ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, task.claimedBy)) : [];
  const [app] = await db
    .select({
      id: applications.id,
      plan: applications.plan,
      planForm: applications.planForm,
      bundleId: applications.bundleId,
      status: applications.status,
      registeredEntityId: applications.registeredEntityId,
      formData: applications.formData,
    })
    .from(applications)
    .where(eq(applications.id, task.applicationId));
  if (!app) throw new Error(`task ${task.id}: application is missing`);

  const readerStepKeys = readerStepKeysOf(app, application.tasks, actor);
  // The catalog is the form's definition: labels, options and units of every answer.
  const plan = await planFormOf(db, app);
  const answers = await answerGroupsOf(db, { applicationId: app.id, plan: app.plan, formData: app.formData, materials: plan?.materials ?? [], readerStepKeys });

  // The certificates the step builds on that are not (yet) there: said as information.
  const expected = certificatesForSteps(app.plan, readerStepKeys, issuedStepKeysOf(app, application.tasks, await certificateTypeIdentifying(db, "entity")));
  const waiting = expected.filter((c) => !c.issued || !application.certificates.some((x) => x.typeCode === c.typeCode));
  const typeRows = waiting.length
    ? await db
        .select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh, nameEn: certificateTypes.nameEn })
        .from(certificateTypes)
        .where(
          inArray(
            certificateTypes.code,
            waiting.map((c) => c.typeCode),
          ),
        )
    : [];
  const stepOf = new Map(app.plan.map((s) => [s.key, s]));
  const deptIds = [...new Set(waiting.flatMap((c) => stepOf.get(c.stepKey)?.departmentId ?? []))];
  const deptRows = deptIds.length ? await db.select().from(departments).where(inArray(departments.id, deptIds)) : [];

  return {
    task: {
      id: task.id,
      stepKey: task.stepKey,
      status: task.status,
      version: task.version,
      dueAt: task.dueAt,
      dueProvisional: task.dueAt ? task.dueProvisional : false,
      claimedByMe: task.claimedBy === actor.userId,
      /** Who holds it (a reviewer of the department), for the head's reassignment. */
      claimedBy: task.claimedBy,
      /** Held by a reviewer the signed-in one stands in for today (代岗): they may decide it. */
      coveredByMe,
      claimedAt: task.claimedAt,
      /** A colleague of the same department: who to ask about a task someone else holds. */
      claimedByName: claimer?.name ?? null,
    },
    application,
    answers,
    produced: {
      certificates: application.certificates,
      /**
       * Certificates the step builds on that are not shown: `notYetIssued` until the step that
       * issues them is approved; `caseClosed` once the case is closed (the gate reads for open
       * cases only; the holder keeps them); `notGranted` when the sharing catalog grants this
       * step no read of them. Routine states, shown as information.
       */
      waiting: waiting.map((c) => {
        const step = stepOf.get(c.stepKey);
        const type = typeRows.find((t) => t.code === c.typeCode);
        const dept = deptRows.find((d) => d.id === step?.departmentId);
        return {
          typeCode: c.typeCode,
          typeNameZh: type?.nameZh ?? c.typeCode,
          typeNameEn: type?.nameEn ?? c.typeCode,
          departmentNameZh: dept?.nameZh ?? "",
          departmentNameEn: dept?.nameEn ?? "",
          serviceNameZh: step?.serviceNameZh ?? c.stepKey,
          serviceNameEn: step?.serviceNameEn ?? c.stepKey,
          reason: !isLiveApplication(app.status) ? ("caseClosed" as const) : c.issued ? ("notGranted" as const) : ("notYetIssued" as const),
        };
      }),
    },
  };
}
