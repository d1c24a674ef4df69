import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import type { applications, supplementNotices } from "../applications/schema";
import { recordAudit } from "../audit/record-audit";
import { bundles, certificateTypes, materials, services } from "../catalog/schema";
import { loadDivisionTable } from "../divisions/load-divisions";
import { maskIdNumber } from "../identity/id-number";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { isPersonHolderCode } from "../sharing/model";
import { signAsDepartment } from "../sharing/registry";
import {
  documentLegalBases,
  documentNumber,
  documentPayload,
  documentTitles,
  noticeDocumentContent,
  remediesFor,
  type Bilingual,
  type DocumentAuditAction,
  type DocumentContent,
  type DocumentKind,
  type DocumentStep,
} from "./model";
import { caseDocuments, documentSequences } from "./schema";

type ApplicationRow = typeof applications.$inferSelect;
type NoticeRow = typeof supplementNotices.$inferSelect;

/** What caused the document, with what the case row does not hold. */
export type DocumentRequest =
  | { kind: "acceptanceNotice" }
  | { kind: "nonAcceptanceDecision"; reason: string }
  | { kind: "supplementNotice"; notice: NoticeRow }
  | { kind: "approvalDecision"; certificates: Array<{ typeCode: string; number: string }> }
  | { kind: "denialDecision"; departmentId: string; reason: string; cancelledStepKeys: readonly string[] }
  | { kind: "completionNotice"; certificates: Array<{ typeCode: string; number: string }> }
  | {
      kind: "extensionNotice";
      /** The task_extensions row: one notice per extension. */
      extensionId: string;
      departmentId: string;
      stepKey: string;
      reason: string;
      days: number;
      previousDueAt: Date;
      dueAt: Date;
      statutoryDays: number;
    };

type DepartmentRow = { id: string; code: string; nameZh: string; nameEn: string; divisionCode: string };

const bi = (zh: string, en: string): Bilingual => ({ zh, en });

/** The department that speaks for the whole case: the bundle's lead department, or the service's. */
async function leadDepartmentId(tx: Db, app: ApplicationRow): Promise<string> {
  if (app.bundleId) {
    const [b] = await tx.select({ lead: bundles.leadDepartmentId }).from(bundles).where(eq(bundles.id, app.bundleId));
    if (b) return b.lead;
  }
  const first = app.plan[0];
  if (!first) throw new Error(`application ${app.id} has no steps`);
  return first.departmentId;
}

/** The longest chain of steps (the needs form a DAG): the case's limit is the sum along it. */
function caseLimits(app: ApplicationRow): { statutoryDays: number; promisedDays: number } {
  const byKey = new Map(app.plan.map((s) => [s.key, s]));
  const memo = new Map<string, { statutoryDays: number; promisedDays: number }>();
  const walk = (key: string, depth: number): { statutoryDays: number; promisedDays: number } => {
    const done = memo.get(key);
    if (done) return done;
    const s = byKey.get(key);
    if (!s || depth > byKey.size) return { statutoryDays: 0, promisedDays: 0 };
    const before = s.needs.map((n) => walk(n, depth + 1));
    const r = {
      statutoryDays: s.statutoryDays + Math.max(0, ...before.map((b) => b.statutoryDays)),
      promisedDays: s.promisedDays + Math.max(0, ...before.map((b) => b.promisedDays)),
    };
    memo.set(key, r);
    return r;
  };
  const all = app.plan.map((s) => walk(s.key, 0));
  return { statutoryDays: Math.max(0, ...all.map((a) => a.statutoryDays)), promisedDays: Math.max(0, ...all.map((a) => a.promisedDays)) };
}

/**
 * Issues the document an event of the case calls for, in the caller's transaction (the one that
 * moved the case): numbered per department, kind and year; signed by the issuing department's key;
 * audited on the case's stream. Issuing the same document again (same case and kind, or the same
 * notice) returns the first one.
 */
export async function issueCaseDocument(
  tx: Db,
  app: ApplicationRow,
  request: DocumentRequest,
  actor: Actor | null,
  now: Date,
): Promise<{ id: string; number: string; created: boolean }> {
  const kind: DocumentKind = request.kind;
  const noticeId = request.kind === "supplementNotice" ? request.notice.id : null;
  const extensionId = request.kind === "extensionNotice" ? request.extensionId : null;
  const [existing] = await tx
    .select({ id: caseDocuments.id, number: caseDocuments.number })
    .from(caseDocuments)
    .where(
      noticeId
        ? eq(caseDocuments.supplementNoticeId, noticeId)
        : extensionId
          ? eq(caseDocuments.taskExtensionId, extensionId)
          : and(
              eq(caseDocuments.applicationId, app.id),
              eq(caseDocuments.kind, kind),
              sql`${caseDocuments.supplementNoticeId} is null and ${caseDocuments.taskExtensionId} is null`,
            ),
    );
  if (existing) return { ...existing, created: false };

  // A denial is the denying department's decision, an extension its head's; everything else speaks for the whole case.
  const issuerId = request.kind === "denialDecision" || request.kind === "extensionNotice" ? request.departmentId : await leadDepartmentId(tx, app);
  const planDepartmentIds = app.plan.map((s) => s.departmentId);
  const deptRows: DepartmentRow[] = await tx
    .select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn, divisionCode: departments.divisionCode })
    .from(departments)
    .where(inArray(departments.id, [...new Set([issuerId, ...planDepartmentIds, ...noticeDepartmentIds(request)])]));
  const deptById = new Map(deptRows.map((d) => [d.id, d]));
  const issuer = deptById.get(issuerId);
  if (!issuer) throw new Error(`unknown issuing department ${issuerId}`);
  const deptName = (id: string): Bilingual | undefined => {
    const d = deptById.get(id);
    return d ? bi(d.nameZh, d.nameEn) : undefined;
  };
  const stepOf = (s: ApplicationRow["plan"][number]): DocumentStep => ({
    service: bi(s.serviceNameZh, s.serviceNameEn),
    department: deptName(s.departmentId) ?? bi("", ""),
  });

  const person = isPersonHolderCode(app.holderCode);
  const content: DocumentContent = {
    title: documentTitles[kind],
    trackingNumber: app.trackingNumber ?? "",
    subject: bi(app.titleZh, app.titleEn),
    applicantName: app.applicantName,
    applicantCode: person ? maskIdNumber(app.holderCode) : app.holderCode,
    applicantIsPerson: person,
    issuer: bi(issuer.nameZh, issuer.nameEn),
    legalBasis: documentLegalBases[kind],
    issuedOn: shanghaiDate(now),
    submittedOn: app.submittedAt ? shanghaiDate(app.submittedAt) : null,
    reason: null,
    items: [],
    deadline: null,
    steps: [],
    certificates: [],
    limits: null,
    remedies: null,
  };

  switch (request.kind) {
    case "acceptanceNotice":
      content.steps = app.plan.map(stepOf);
      content.limits = caseLimits(app);
      break;
    case "nonAcceptanceDecision":
    case "denialDecision": {
      content.reason = request.reason;
      const divisions = await loadDivisionTable(tx);
      const division = divisions.get(issuer.divisionCode);
      content.remedies = remediesFor(bi(issuer.nameZh, issuer.nameEn), bi(division?.nameZh ?? "", division?.nameEn ?? division?.nameZh ?? ""));
      if (request.kind === "denialDecision") {
        const cancelled = new Set(request.cancelledStepKeys);
        content.steps = app.plan.filter((s) => cancelled.has(s.key)).map(stepOf);
      }
      break;
    }
    case "supplementNotice": {
      const serviceIds = [...new Set(app.plan.map((s) => s.serviceId))];
      const [materialRows, serviceRows] = await Promise.all([
        tx
          .select({ key: materials.key, nameZh: materials.nameZh, nameEn: materials.nameEn, legalBasis: materials.legalBasis })
          .from(materials)
          .where(inArray(materials.serviceId, serviceIds)),
        tx.select({ legalBasis: services.legalBasis }).from(services).where(inArray(services.id, serviceIds)),
      ]);
      const materialByKey = new Map(materialRows.map((m) => [m.key, { name: bi(m.nameZh, m.nameEn), legalBasis: m.legalBasis }]));
      const rendered = noticeDocumentContent(request.notice as unknown as { items: unknown[] }, {
        department: deptName,
        material: (key) => materialByKey.get(key),
        serviceLegalBasis: [...new Set(serviceRows.map((s) => s.legalBasis))].join("；"),
      });
      content.items = rendered.items;
      content.deadline = rendered.deadline;
      break;
    }
    case "approvalDecision":
    case "completionNotice": {
      content.steps = app.plan.map(stepOf);
      const codes = [...new Set(request.certificates.map((c) => c.typeCode))];
      const types = codes.length
        ? await tx
            .select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh, nameEn: certificateTypes.nameEn })
            .from(certificateTypes)
            .where(inArray(certificateTypes.code, codes))
        : [];
      const typeBy = new Map(types.map((t) => [t.code, bi(t.nameZh, t.nameEn)]));
      content.certificates = request.certificates.map((c) => ({ type: typeBy.get(c.typeCode) ?? bi(c.typeCode, c.typeCode), number: c.number }));
      break;
    }
    case "extensionNotice": {
      const step = app.plan.find((s) => s.key === request.stepKey);
      if (!step) throw new Error(`application ${app.id} has no step ${request.stepKey}`);
      content.reason = request.reason;
      content.extension = {
        step: stepOf(step),
        days: request.days,
        previousDueOn: shanghaiDate(request.previousDueAt),
        dueOn: shanghaiDate(request.dueAt),
        statutoryDays: request.statutoryDays,
        extendedStatutoryDays: request.statutoryDays + request.days,
      };
      break;
    }
  }

  // The serial: one atomic bump per department, kind and year (the row lock serialises issuers).
  const year = Number(content.issuedOn.slice(0, 4));
  const [seq] = await tx
    .insert(documentSequences)
    .values({ departmentId: issuer.id, kind, year, last: 1 })
    .onConflictDoUpdate({
      target: [documentSequences.departmentId, documentSequences.kind, documentSequences.year],
      set: { last: sql`${documentSequences.last} + 1` },
    })
    .returning({ last: documentSequences.last });
  const number = documentNumber(kind, issuer.code, year, seq!.last);
  const signed = await signAsDepartment(
    tx,
    issuer.id,
    (signedAt) => documentPayload({ number, kind, applicationId: app.id, issuerDepartmentCode: issuer.code, signedAt, content }),
    now,
  );
  const [row] = await tx
    .insert(caseDocuments)
    .values({
      number,
      kind,
      applicationId: app.id,
      issuerDepartmentId: issuer.id,
      supplementNoticeId: noticeId,
      taskExtensionId: extensionId,
      content,
      signature: signed.signature,
      signingKeyId: signed.keyId,
      signedAt: signed.signedAt,
    })
    .returning({ id: caseDocuments.id, number: caseDocuments.number });
  await recordAudit<DocumentAuditAction>(tx, {
    streamId: app.id,
    actor: actor ? { userId: actor.userId, role: actor.role } : null,
    action: "document.issue",
    entityType: "caseDocument",
    entityId: row!.id,
    data: { number, kind, issuer: issuer.code },
    at: now,
  });
  return { ...row!, created: true };
}

function noticeDepartmentIds(request: DocumentRequest): string[] {
  if (request.kind !== "supplementNotice") return [];
  return (request.notice.items as unknown[]).flatMap((i) => {
    const id = i && typeof i === "object" ? (i as Record<string, unknown>).departmentId : null;
    return typeof id === "string" ? [id] : [];
  });
}
