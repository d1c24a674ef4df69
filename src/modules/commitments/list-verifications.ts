import { and, asc, desc, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { applicantMay } from "../applications/applicant";
import { applications } from "../applications/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { isOpenVerification, isOverdueVerification } from "./model";
import { commitmentVerifications } from "./schema";
import type { VerificationView } from "./views";

const columns = {
  v: commitmentVerifications,
  trackingNumber: applications.trackingNumber,
  titleZh: applications.titleZh,
  titleEn: applications.titleEn,
  departmentZh: departments.nameZh,
  departmentEn: departments.nameEn,
};

type Joined = {
  v: typeof commitmentVerifications.$inferSelect;
  trackingNumber: string | null;
  titleZh: string;
  titleEn: string;
  departmentZh: string;
  departmentEn: string;
};

function toView(r: Joined, today: string): VerificationView {
  return {
    id: r.v.id,
    version: r.v.version,
    applicationId: r.v.applicationId,
    trackingNumber: r.trackingNumber,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    materialKey: r.v.materialKey,
    materialNameZh: r.v.materialNameZh,
    materialNameEn: r.v.materialNameEn,
    subjectName: r.v.subjectName,
    department: { nameZh: r.departmentZh, nameEn: r.departmentEn },
    method: r.v.method,
    openedOn: r.v.openedOn,
    dueOn: r.v.dueOn,
    status: r.v.status,
    overdue: isOverdueVerification(r.v, today),
    finding: r.v.finding,
    decidedAt: r.v.decidedAt,
  };
}

/** The verifying department's tasks, open first (earliest due first), then the decided ones, newest first. */
export async function departmentVerifications(db: Db, actor: Actor, now: Date = new Date()): Promise<VerificationView[]> {
  if (actor.role !== "reviewer" || !actor.departmentId) throw new DomainError("forbidden", "errors.forbidden");
  const rows = await db
    .select(columns)
    .from(commitmentVerifications)
    .innerJoin(applications, eq(applications.id, commitmentVerifications.applicationId))
    .innerJoin(departments, eq(departments.id, commitmentVerifications.departmentId))
    .where(eq(commitmentVerifications.departmentId, actor.departmentId))
    .orderBy(asc(commitmentVerifications.dueOn), desc(commitmentVerifications.createdAt))
    .limit(500);
  const today = shanghaiDate(now);
  const views = rows.map((r) => toView(r, today));
  return [...views.filter((v) => isOpenVerification(v.status)), ...views.filter((v) => !isOpenVerification(v.status)).reverse()];
}

/**
 * An application's verification tasks, for its case page: the applicant (who may see the case)
 * and staff. Anyone else is told "not found".
 */
export async function applicationVerifications(db: Db, actor: Actor, applicationId: string, now: Date = new Date()): Promise<VerificationView[]> {
  const [app] = await db
    .select({ entityId: applications.entityId, personId: applications.personId, plan: applications.plan, windowKeyInId: applications.windowKeyInId })
    .from(applications)
    .where(eq(applications.id, applicationId));
  const staff = actor.role === "reviewer" || actor.role === "dataOffice" || actor.role === "windowClerk";
  if (!app || (!staff && !applicantMay(actor, app, "view"))) throw new DomainError("notFound", "errors.notFound");
  const rows = await db
    .select(columns)
    .from(commitmentVerifications)
    .innerJoin(applications, eq(applications.id, commitmentVerifications.applicationId))
    .innerJoin(departments, eq(departments.id, commitmentVerifications.departmentId))
    .where(and(eq(commitmentVerifications.applicationId, applicationId)))
    .orderBy(asc(commitmentVerifications.materialKey));
  const today = shanghaiDate(now);
  return rows.map((r) => toView(r, today));
}
