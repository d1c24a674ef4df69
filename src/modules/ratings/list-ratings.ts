import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { applicantMay } from "../applications/applicant";
import { isRatableApplication } from "../applications/model";
import { applications } from "../applications/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { canTransition } from "@/lib/state-machine";
import { isRectificationLate, mayChangeRating, openRectificationStatuses, ratingChangeableUntil, rectificationMachine } from "./model";
import { ratings, rectificationItems } from "./schema";
import { applicantsApplication, decidingDepartments } from "./targets";
import type { AnonymousRatingView, CaseRatingsView, DepartmentItemView, OfficeItemView, RectificationView } from "./views";

type ItemRow = typeof rectificationItems.$inferSelect;

function itemView(item: ItemRow, today: string): RectificationView {
  return {
    id: item.id,
    version: item.version,
    status: item.status,
    openedOn: item.openedOn,
    dueOn: item.dueOn,
    late: isRectificationLate(item.dueOn, item.answeredOn, today),
    classification: item.classification,
    classificationReason: item.classificationReason,
    reply: item.reply,
    changes: item.changes,
    answeredOn: item.answeredOn,
    appealReason: item.appealReason,
    appealDecision: item.appealDecision,
    appealDecisionReason: item.appealDecisionReason,
  };
}

/**
 * The case page's ratings: for a finished case, the overall rating and one per deciding department,
 * each with its rectification item (the department's reply, the appeal). Only the applicant sees it.
 */
export async function caseRatings(db: Db, actor: Actor, input: { applicationId: string }, now: Date = new Date()): Promise<CaseRatingsView> {
  const app = await applicantsApplication(db, actor, input.applicationId, "view");
  if (!isRatableApplication(app.status)) return { ratable: false, mayAct: false, targets: [] };
  const mayAct = applicantMay(actor, app, "act");
  const today = shanghaiDate(now);
  const [rows, items, depts] = await Promise.all([
    db.select().from(ratings).where(eq(ratings.applicationId, app.id)),
    db.select().from(rectificationItems).where(eq(rectificationItems.applicationId, app.id)),
    decidingDepartments(db, app.id),
  ]);
  const targets = [{ id: null, nameZh: null, nameEn: null }, ...depts].map((d) => {
    const r = rows.find((x) => x.departmentId === d.id);
    const item = r ? items.find((i) => i.ratingId === r.id) : undefined;
    return {
      departmentId: d.id,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      rating: r
        ? {
            level: r.level,
            tags: r.tags,
            comment: r.comment,
            firstRatedAt: r.firstRatedAt,
            changeableUntil: ratingChangeableUntil(r.firstRatedAt),
            mayChange: mayAct && mayChangeRating(r.firstRatedAt, now),
          }
        : null,
      rectification: item ? { ...itemView(item, today), mayAppeal: mayAct && canTransition(rectificationMachine, item.status, "appeal") } : null,
    };
  });
  return { ratable: true, mayAct, targets };
}

const itemColumns = {
  item: rectificationItems,
  level: ratings.level,
  tags: ratings.tags,
  comment: ratings.comment,
  trackingNumber: applications.trackingNumber,
  titleZh: applications.titleZh,
  titleEn: applications.titleEn,
  departmentZh: departments.nameZh,
  departmentEn: departments.nameEn,
};

async function itemsWhere(db: Db, where: SQL | undefined, today: string): Promise<OfficeItemView[]> {
  const rows = await db
    .select(itemColumns)
    .from(rectificationItems)
    .innerJoin(ratings, eq(ratings.id, rectificationItems.ratingId))
    .innerJoin(applications, eq(applications.id, rectificationItems.applicationId))
    .innerJoin(departments, eq(departments.id, rectificationItems.departmentId))
    .where(where)
    .orderBy(asc(rectificationItems.dueOn), asc(rectificationItems.openedAt))
    .limit(200);
  return rows.map((r) => ({
    ...itemView(r.item, today),
    trackingNumber: r.trackingNumber,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    level: r.level,
    tags: r.tags,
    comment: r.comment,
    departmentZh: r.departmentZh,
    departmentEn: r.departmentEn,
  }));
}

function reviewerDepartment(actor: Actor): string {
  if (actor.role !== "reviewer" || !actor.departmentId) throw new DomainError("forbidden", "errors.forbidden");
  return actor.departmentId;
}

/**
 * The department's rectification items, open ones first by due day: what it must answer, with
 * only what answering needs (the case's number and service, the rating and comment; no applicant).
 */
export async function departmentRectifications(db: Db, actor: Actor, now: Date = new Date()): Promise<DepartmentItemView[]> {
  const departmentId = reviewerDepartment(actor);
  const rows = await itemsWhere(db, eq(rectificationItems.departmentId, departmentId), shanghaiDate(now));
  return rows.map(({ departmentZh: _z, departmentEn: _e, ...rest }) => rest);
}

/** The department's ratings, newest first: levels, tags and comments, with no case and no applicant. */
export async function departmentRatings(db: Db, actor: Actor): Promise<AnonymousRatingView[]> {
  const departmentId = reviewerDepartment(actor);
  const rows = await db
    .select({ at: ratings.firstRatedAt, level: ratings.level, tags: ratings.tags, comment: ratings.comment })
    .from(ratings)
    .where(eq(ratings.departmentId, departmentId))
    .orderBy(desc(ratings.firstRatedAt))
    .limit(100);
  return rows.map((r) => ({ ratedOn: shanghaiDate(r.at), level: r.level, tags: r.tags, comment: r.comment }));
}

/** SQL: an item waiting for the department's answer (the data office's 待整改). */
export function openRectification(): SQL {
  return inArray(rectificationItems.status, [...openRectificationStatuses]);
}

/** SQL: a late item, as `isRectificationLate` says: open past its due day (`today`), or answered after it. */
export function lateRectification(today: string): SQL {
  return or(and(openRectification(), lt(rectificationItems.dueOn, today)), sql`${rectificationItems.answeredOn} > ${rectificationItems.dueOn}`) as SQL;
}

/**
 * The data office's view: every open item, every late one (open past its due day, or answered
 * after it) and every appeal waiting for its decision.
 */
export async function officeRectifications(
  db: Db,
  now: Date = new Date(),
): Promise<{ open: OfficeItemView[]; late: OfficeItemView[]; appealed: OfficeItemView[] }> {
  const today = shanghaiDate(now);
  const [open, late, appealed] = await Promise.all([
    itemsWhere(db, openRectification(), today),
    itemsWhere(db, lateRectification(today), today),
    itemsWhere(db, eq(rectificationItems.status, "appealed"), today),
  ]);
  return { open, late, appealed };
}
