import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { planFormOf } from "./plan-form";
import type { Db } from "@/server/db/client";
import { isOverdue, shanghaiDate } from "../calendar/model";
import { certificateTypeIdentifying } from "../catalog/certificate-types";
import { applicableMaterials, formatAnswerBoth, sharedFieldKeys, type CertificateField } from "../catalog/model";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { departments, entities, users, windowKeyIns } from "../identity/schema";
import { cachedCalendar } from "../calendar/load-calendar";
import { expectedFinish, livePausedDue, pausesOf } from "../review/clock";
import { pausedTaskIds } from "../review/clock-facts";
import { certificatesForSteps, isDecidedTask, isRunningTask } from "../review/model";
import { reviewTasks } from "../review/schema";
import { readCertificates, type HeldCertificate, type ReadPurpose } from "../sharing/gate";
import { shownCertificateFields } from "../sharing/model";
import { applicationMaterials, applications, jointParts, supplementAnswers, supplementNotices, uploads } from "./schema";
import { isRegionCode, regions } from "@/lib/regions";
import { applicantMay } from "./applicant";
import { caseStageOf, grantedApplicationStatuses, isAwaitingApplicant, isLiveApplication } from "./model";
import { stageMaterialsOwed } from "./stage-materials";
import { foreignSuppliesOf } from "./foreign-certificates";
import { maskHolderCode, type ApplicationView, type TaskTimelineView } from "./views";

type ApplicationRow = typeof applications.$inferSelect;

/**
 * Who may see a case: its applicant (the person, or whoever acts for the enterprise or person
 * today within their mandate), the window, and reviewers whose department holds a task on it.
 */
export async function assertMayView(db: Db, app: ApplicationRow, actor: Actor): Promise<void> {
  if (applicantMay(actor, app, "view")) return;
  if (actor.role === "windowClerk" && app.status !== "draft") return;
  if (actor.role === "reviewer" && actor.departmentId) {
    const [task] = await db
      .select({ id: reviewTasks.id })
      .from(reviewTasks)
      .where(and(eq(reviewTasks.applicationId, app.id), eq(reviewTasks.departmentId, actor.departmentId)));
    if (task) return;
  }
  // The same answer whether or not the case exists.
  throw new DomainError("notFound", "errors.notFound");
}

/**
 * Who filed the case for its applicant, when it was not the applicant themself: an agent, a
 * mandate holder, or the window keying it in (with the consent recorded at the counter).
 */
async function filerOf(db: Db, app: ApplicationRow): Promise<ApplicationView["filedBy"]> {
  if (app.filedAs === "self") return null;
  const [filer] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, app.filedByUserId));
  const [keyIn] = app.windowKeyInId ? await db.select().from(windowKeyIns).where(eq(windowKeyIns.id, app.windowKeyInId)) : [];
  return { as: app.filedAs, name: filer?.name ?? "", consentKind: keyIn?.consentKind ?? null, consentReference: keyIn?.consentReference ?? null };
}

export async function taskTimeline(db: Db, app: ApplicationRow, now: Date, withNames: boolean, forStaff = false): Promise<TaskTimelineView[]> {
  const rows = await db
    .select({ task: reviewTasks, deptZh: departments.nameZh, deptEn: departments.nameEn, deciderName: users.displayName })
    .from(reviewTasks)
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .leftJoin(users, eq(users.id, reviewTasks.decidedBy))
    .where(eq(reviewTasks.applicationId, app.id))
    .orderBy(asc(reviewTasks.createdAt));
  const stepOf = new Map(app.plan.map((s, i) => [s.key, { ...s, order: i }]));
  // 多地联办: the lead side's parts, by task (a remote step's partner and whether it was sent).
  const parts = new Map(
    (
      await db
        .select()
        .from(jointParts)
        .where(and(eq(jointParts.applicationId, app.id), eq(jointParts.side, "lead")))
    ).map((p) => [p.taskId, p]),
  );
  // A hearing, inspection or expert review stops the clock (art. 45): such a task is not overdue.
  const paused = await pausedTaskIds(
    db,
    rows.map((r) => r.task.id),
  );
  return rows
    .map(({ task, deptZh, deptEn, deciderName }) => {
      const step = stepOf.get(task.stepKey);
      // One notice (一次性告知): until the merged notice goes out, the applicant and the public see a
      // department that asked for material as still reviewing, with no date or name of a decision.
      const unannounced = !forStaff && task.status === "supplementRequested" && !isAwaitingApplicant(app.status);
      return {
        taskId: task.id,
        stepKey: task.stepKey,
        stage: step?.stage ?? 1,
        needs: step?.needs ?? [],
        serviceNameZh: step?.serviceNameZh ?? task.stepKey,
        serviceNameEn: step?.serviceNameEn ?? task.stepKey,
        departmentNameZh: deptZh,
        departmentNameEn: deptEn,
        status: unannounced ? ("claimed" as const) : task.status,
        startedAt: task.clockStartedAt,
        dueAt: task.dueAt,
        dueProvisional: task.dueAt ? task.dueProvisional : false,
        overdue: Boolean(task.dueAt && isRunningTask(task.status) && !paused.has(task.id) && isOverdue(task.dueAt, now)),
        decidedAt: unannounced ? null : task.decidedAt,
        decidedByName: withNames && !unannounced ? (deciderName ?? null) : null,
        deemedApproval: task.deemedApproval,
        reason: isDecidedTask(task.status) ? task.reason : null,
        // Staff see a department's request at once, before the merged notice goes out.
        requested: forStaff && task.status === "supplementRequested" ? (task.supplementItems ?? []).map((i) => i.text) : null,
        awaitingMaterials: task.status === "waiting" && task.materialsRequestedAt !== null,
        remote: remoteOf(parts.get(task.id)),
        order: step?.order ?? 0,
      };
    })
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...t }) => t);
}

function remoteOf(part: typeof jointParts.$inferSelect | undefined): TaskTimelineView["remote"] {
  if (!part) return null;
  const region = isRegionCode(part.peerRegion) ? regions[part.peerRegion] : null;
  return {
    region: part.peerRegion,
    regionNameZh: region?.nameZh ?? part.peerRegion,
    regionNameEn: region?.nameEn ?? part.peerRegion,
    status: part.status,
    reference: part.partnerReference,
    refusalCode: part.refusalCode,
  };
}

/** 预计办结 of a live case under review, from its tasks' clocks on the official calendar. */
async function expectedFinishOf(db: Db, app: ApplicationRow, now: Date) {
  if (!isLiveApplication(app.status) || app.acceptedAt === null) return null;
  const rows = await db
    .select({
      id: reviewTasks.id,
      stepKey: reviewTasks.stepKey,
      status: reviewTasks.status,
      budgetDays: reviewTasks.budgetDays,
      clockStartedAt: reviewTasks.clockStartedAt,
      dueAt: reviewTasks.dueAt,
      dueProvisional: reviewTasks.dueProvisional,
      decidedAt: reviewTasks.decidedAt,
    })
    .from(reviewTasks)
    .where(eq(reviewTasks.applicationId, app.id));
  const needs = new Map(app.plan.map((s) => [s.key, s.needs]));
  const cal = await cachedCalendar(db);
  // A task whose clock stands still (a pause running) finishes no earlier than if it resumed today.
  const pauses = await pausesOf(
    db,
    rows.map((r) => r.id),
  );
  return expectedFinish(
    cal,
    rows.map(({ id, clockStartedAt, ...r }) => ({
      ...r,
      ...livePausedDue(cal, clockStartedAt, r.budgetDays, pauses.get(id) ?? [], now),
      needs: needs.get(r.stepKey) ?? [],
    })),
    now,
  );
}

function progressOf(tasks: TaskTimelineView[]) {
  return { decided: tasks.filter((t) => isDecidedTask(t.status)).length, total: tasks.length };
}

/**
 * The steps of a case whose certificates exist: the step that registers an enterprise once that
 * is done (its approval issues the licence the other departments build on), and every approved
 * step once the case is granted (the fan-in issues the rest with the approval).
 */
export function issuedStepKeysOf(
  app: Pick<ApplicationRow, "plan" | "status" | "registeredEntityId">,
  tasks: ReadonlyArray<{ stepKey: string; status: string }>,
  /** The certificate type that identifies an entity (the catalog's flag): how plans made before the step flag name the registering step. */
  entityLicenceType: string | null,
) {
  const approved = new Set(tasks.filter((t) => t.status === "approved").map((t) => t.stepKey));
  if (grantedApplicationStatuses.includes(app.status)) return approved;
  // Plans made before the catalog flag name the registering step by the licence it issues.
  const registering = app.plan.find((s) => s.registersEntity ?? (entityLicenceType !== null && s.issuesCertificateType === entityLicenceType));
  return new Set(registering && app.registeredEntityId && approved.has(registering.key) ? [registering.key] : []);
}

/** A reviewer's steps on the case: their department's. */
export function readerStepKeysOf(app: Pick<ApplicationRow, "plan">, tasks: ReadonlyArray<{ stepKey: string }>, actor: Actor): Set<string> {
  if (actor.role !== "reviewer" || !actor.departmentId) return new Set();
  const ownSteps = new Set(app.plan.filter((s) => s.departmentId === actor.departmentId).map((s) => s.key));
  return new Set(tasks.filter((t) => ownSteps.has(t.stepKey)).map((t) => t.stepKey));
}

function certificateView(c: HeldCertificate, types: Map<string, { nameZh: string; nameEn: string; fields: CertificateField[] }>) {
  const typeFields = types.get(c.typeCode)?.fields ?? [];
  const shared = new Set(sharedFieldKeys(typeFields));
  return {
    sharedFields: typeFields.filter((f) => shared.has(f.key)).map((f) => ({ key: f.key, nameZh: f.nameZh, nameEn: f.nameEn })),
    id: c.id,
    number: c.number,
    typeCode: c.typeCode,
    typeNameZh: types.get(c.typeCode)?.nameZh ?? c.typeCode,
    typeNameEn: types.get(c.typeCode)?.nameEn ?? c.typeCode,
    issuerNameZh: c.issuerNameZh,
    issuerNameEn: c.issuerNameEn,
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
    status: c.status,
  };
}

/** The exchange's record of a material, as the case and task pages show it (not to a reviewer of another step). */
function exchangeView(f: Awaited<ReturnType<typeof foreignSuppliesOf>>[number] | undefined, suppliedBy: string | null, hidden: boolean) {
  if (!f || hidden) return null;
  return {
    outcome: f.outcome,
    supplied: suppliedBy === f.id && f.outcome === "supplied",
    region: f.peerRegion,
    reason: f.reason,
    certificateNumber: f.certificateNumber,
    issuerNameZh: f.issuerNameZh,
    issuerNameEn: f.issuerNameEn,
    issuedOn: f.issuedOn,
    validUntil: f.validUntil,
    signatureValid: f.signatureValid,
    requestedAt: f.requestedAt,
  };
}

/** The case page: status, a timeline per department, notices, materials, certificates issued. */
export async function getApplication(db: Db, actor: Actor, applicationId: string, now: Date = new Date()): Promise<ApplicationView> {
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) throw new DomainError("notFound", "errors.notFound");
  await assertMayView(db, app, actor);
  const today = shanghaiDate(now);
  const isStaff = actor.role === "windowClerk" || actor.role === "reviewer";

  const tasks = await taskTimeline(db, app, now, true, isStaff);
  const noticeRows = await db.select().from(supplementNotices).where(eq(supplementNotices.applicationId, app.id)).orderBy(asc(supplementNotices.issuedAt));
  const deptIds = [...new Set(noticeRows.flatMap((n) => n.items.flatMap((i) => (i.departmentId ? [i.departmentId] : []))))];
  const deptRows = deptIds.length ? await db.select().from(departments).where(inArray(departments.id, deptIds)) : [];
  const deptById = new Map(deptRows.map((d) => [d.id, d]));

  const typeRows = await db
    .select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh, nameEn: certificateTypes.nameEn, fields: certificateTypes.fields })
    .from(certificateTypes);
  const types = new Map(typeRows.map((t) => [t.code, t]));
  // Certificates are read through the gate: the applicant reads their own, staff read for this case.
  const isApplicant = applicantMay(actor, app, "view");
  const purpose: ReadPurpose = isApplicant ? { kind: "own", use: "ownRecord", applicationId: app.id } : { kind: "application", applicationId: app.id };
  // What the case issued: to the applicant, or to the enterprise it registered (starting a business).
  const [registered] = app.registeredEntityId
    ? await db.select({ creditCode: entities.creditCode }).from(entities).where(eq(entities.id, app.registeredEntityId))
    : [];
  // A reviewer reads only what their steps build on (`certificatesForSteps`), once it exists and
  // while the case is open: asking the gate for another department's certificate, or after the
  // case closed, would only write a refusal into the holder's data log.
  const reviewerTypes =
    actor.role === "reviewer"
      ? isLiveApplication(app.status)
        ? [
            ...new Set(
              certificatesForSteps(
                app.plan,
                readerStepKeysOf(app, tasks, actor),
                issuedStepKeysOf(app, tasks, await certificateTypeIdentifying(db, "entity")),
              ).flatMap((c) => (c.issued ? [c.typeCode] : [])),
            ),
          ]
        : []
      : null;
  const issued =
    reviewerTypes?.length === 0
      ? []
      : (
          await readCertificates(db, actor, {
            holderCode: registered?.creditCode ?? app.holderCode,
            issuedByApplicationId: app.id,
            ...(reviewerTypes ? { typeCodes: reviewerTypes } : {}),
            purpose,
            today,
          })
        ).certificates;

  // Materials as supplied, named from the catalog.
  const plan = await planFormOf(db, app);
  const supplied = await db
    .select({
      m: applicationMaterials,
      upload: { id: uploads.id, fileName: uploads.fileName, mediaType: uploads.mediaType, sizeBytes: uploads.sizeBytes, sha256: uploads.sha256 },
    })
    .from(applicationMaterials)
    .leftJoin(uploads, eq(uploads.id, applicationMaterials.uploadId))
    .where(eq(applicationMaterials.applicationId, app.id));
  const answerRows = noticeRows.length
    ? await db
        .select({ answer: supplementAnswers, upload: { id: uploads.id, fileName: uploads.fileName, sizeBytes: uploads.sizeBytes } })
        .from(supplementAnswers)
        .leftJoin(uploads, eq(uploads.id, supplementAnswers.uploadId))
        .where(
          inArray(
            supplementAnswers.noticeId,
            noticeRows.map((n) => n.id),
          ),
        )
    : [];
  const answerOf = new Map(answerRows.map((r) => [`${r.answer.noticeId}:${r.answer.itemIndex}`, r]));
  // A reviewer sees the files of the materials their own steps ask for, not the other departments':
  // the steps whose tasks their department holds now (a transferred task goes with its materials).
  const ownStepKeys =
    actor.role === "reviewer" && actor.departmentId
      ? new Set(
          (
            await db
              .select({ stepKey: reviewTasks.stepKey })
              .from(reviewTasks)
              .where(and(eq(reviewTasks.applicationId, app.id), eq(reviewTasks.departmentId, actor.departmentId)))
          ).map((r) => r.stepKey),
        )
      : null;
  const reviewerServices = ownStepKeys ? new Set(app.plan.filter((s) => ownStepKeys.has(s.key)).map((s) => s.serviceCode)) : null;
  const notForReader = (key: string) => {
    const m = plan?.materials.find((x) => x.key === key);
    return reviewerServices !== null && !(m?.serviceCodes.some((c) => reviewerServices.has(c)) ?? false);
  };
  // Nor does the gate read, for them, the certificates other departments' steps need: a routine
  // state, not a refusal to log.
  const suppliedCertificateIds = supplied.flatMap((s) => (s.m.certificateId && !notForReader(s.m.materialKey) ? [s.m.certificateId] : []));
  const read = suppliedCertificateIds.length
    ? await readCertificates(db, actor, { holderCode: app.holderCode, certificateIds: suppliedCertificateIds, purpose, today })
    : { certificates: [], refused: [] };
  const certById = new Map(read.certificates.map((c) => [c.id, c]));
  const refusedType = new Map(read.refused.map((r) => [r.typeCode, r.reason]));
  const suppliedByKey = new Map(supplied.map((s) => [s.m.materialKey, s]));
  const exchangeByKey = new Map((await foreignSuppliesOf(db, app.id)).map((f) => [f.materialKey, f]));
  // Only the materials that apply in the situations the applicant declared (办理情形).
  const materials = applicableMaterials(plan?.materials ?? [], app.situations).map((m) => {
    const s = suppliedByKey.get(m.key);
    const fileHidden = notForReader(m.key);
    const cert = s?.m.certificateId ? certById.get(s.m.certificateId) : undefined;
    return {
      key: m.key,
      nameZh: m.nameZh,
      nameEn: m.nameEn,
      source: m.source,
      value: m.source === "formField" ? (app.formData[m.key] ?? null) : null,
      answer: m.source === "formField" ? formatAnswerBoth(m, app.formData[m.key]) : null,
      field: m.source === "formField" ? { fieldType: m.fieldType, options: m.options, unit: m.unit } : null,
      upload: s?.upload?.id && !fileHidden ? s.upload : null,
      uploadWithheld: Boolean(s?.upload?.id && fileHidden),
      certificate: cert ? certificateView(cert, types) : null,
      certificateRefused: s?.m.certificateId && !cert && !fileHidden ? (refusedType.get(m.certificateType ?? "") ?? "sharing.refusal.notFound") : null,
      certificateNotForStep: Boolean(s?.m.certificateId && fileHidden),
      committed: Boolean(s?.m.committedAt),
      exchange: exchangeView(exchangeByKey.get(m.key), s?.m.foreignSupplyId ?? null, fileHidden),
      stage: m.stage,
    };
  });
  const situations = (plan?.situations ?? []).flatMap((q) => {
    const a = app.situations[q.key];
    const o = q.options.find((x) => x.value === a);
    // An answer the catalog no longer lists is shown as stored rather than dropped.
    return a ? [{ key: q.key, questionZh: q.nameZh, questionEn: q.nameEn, answerZh: o?.labelZh ?? a, answerEn: o?.labelEn ?? a }] : [];
  });
  const stageMaterials = await stageMaterialsView(db, app, tasks);

  return {
    id: app.id,
    trackingNumber: app.trackingNumber,
    queryCode: isApplicant ? app.queryCode : null,
    titleZh: app.titleZh,
    titleEn: app.titleEn,
    kind: app.bundleId ? "bundle" : "service",
    status: app.status,
    version: app.version,
    applicantName: app.applicantName,
    holderCode: isStaff || isApplicant ? app.holderCode : maskHolderCode(app.holderCode),
    filedBy: await filerOf(db, app),
    mayAct: isApplicant && applicantMay(actor, app, "act"),
    submittedAt: app.submittedAt,
    acceptanceDueAt: app.acceptanceDueAt,
    acceptanceDueProvisional: app.acceptanceDueProvisional,
    catalogVersion: app.catalogVersion,
    acceptedAt: app.acceptedAt,
    decidedAt: app.decidedAt,
    completedAt: app.completedAt,
    refusalReason: app.refusalReason,
    progress: progressOf(tasks),
    stage: caseStageOf(app.status, app.acceptedAt !== null),
    expectedFinish: await expectedFinishOf(db, app, now),
    tasks,
    notices: noticeRows.map((n) => ({
      id: n.id,
      stage: n.stage,
      issuedAt: n.issuedAt,
      dueDays: n.dueDays,
      dueAt: n.dueAt,
      overdue: Boolean(n.dueAt && !n.completedAt && isOverdue(n.dueAt, now)),
      completedAt: n.completedAt,
      answeredLate: n.answeredLate,
      items: n.items.map((i, index) => {
        const d = i.departmentId ? deptById.get(i.departmentId) : undefined;
        const a = answerOf.get(`${n.id}:${index}`);
        return {
          index,
          kind: i.kind,
          departmentNameZh: d?.nameZh ?? null,
          departmentNameEn: d?.nameEn ?? null,
          materialKeys: i.materialKeys,
          materials: i.materialKeys.map((key) => {
            const m = plan?.materials.find((pm) => pm.key === key);
            return { key, nameZh: m?.nameZh ?? key, nameEn: m?.nameEn ?? key };
          }),
          text: i.text,
          legalBasis: i.legalBasis ?? null,
          answer: a ? { text: a.answer.text, upload: a.upload?.id ? a.upload : null, answeredAt: a.answer.answeredAt } : null,
        };
      }),
    })),
    // What the case produced, with what each says (its type's printed fields, as the reader may read them).
    certificates: issued.map((c) => ({
      ...certificateView(c, types),
      holderName: c.holderName,
      holderCode: c.holderCode,
      fields: shownCertificateFields(types.get(c.typeCode)?.fields ?? [], c.fields),
    })),
    materials,
    situations,
    stageMaterials,
    burdenSaved: materials.flatMap((m) =>
      m.source === "certificate" && suppliedByKey.get(m.key)?.m.certificateId
        ? [{ nameZh: m.nameZh, nameEn: m.nameEn, number: m.certificate?.number ?? null }]
        : m.exchange?.supplied
          ? [{ nameZh: m.nameZh, nameEn: m.nameEn, number: m.exchange.certificateNumber }]
          : [],
    ),
  };
}

/** What the held steps of a staged bundle need from the applicant, for the case page's upload form. */
async function stageMaterialsView(db: Db, app: ApplicationRow, tasks: TaskTimelineView[]): Promise<ApplicationView["stageMaterials"]> {
  const held = tasks.filter((t) => t.awaitingMaterials);
  if (held.length === 0 || app.status !== "inReview") return null;
  const { owed } = await stageMaterialsOwed(
    db,
    app,
    held.map((t) => t.stepKey),
  );
  const materials = [...new Map([...owed.values()].flatMap((o) => o.all).map((m) => [m.key, m])).values()];
  if (materials.length === 0) return null;
  const [first] = await db
    .select({ at: reviewTasks.materialsRequestedAt })
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, app.id), isNotNull(reviewTasks.materialsRequestedAt)))
    .orderBy(desc(reviewTasks.materialsRequestedAt))
    .limit(1);
  return {
    steps: held.map((t) => ({ key: t.stepKey, stage: t.stage, serviceNameZh: t.serviceNameZh, serviceNameEn: t.serviceNameEn })),
    materials: materials.map((m) => ({
      key: m.key,
      nameZh: m.nameZh,
      nameEn: m.nameEn,
      legalBasis: m.legalBasis,
      source: m.source,
      required: m.required,
      field: m.source === "formField" ? { fieldType: m.fieldType, options: m.options, unit: m.unit } : null,
    })),
    requestedAt: first?.at ?? new Date(0),
  };
}

export { progressOf };
