import { and, asc, count, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import type { ZSaveOpinionTemplateInput } from "./inputs";
import { maxOpinionTemplatesPerDepartment, type OpinionTemplateAuditAction } from "./model";
import { opinionTemplates } from "./schema";

export interface OpinionTemplateView {
  id: string;
  departmentId: string;
  outcome: "approved" | "denied";
  title: string;
  body: string;
}

const columns = {
  id: opinionTemplates.id,
  departmentId: opinionTemplates.departmentId,
  outcome: opinionTemplates.outcome,
  title: opinionTemplates.title,
  body: opinionTemplates.body,
};

/**
 * Who keeps a department's templates: the data office, for every department. (A department head
 * role does not exist yet; when identity has one, the head of `departmentId` joins here.)
 */
function mayManage(actor: Actor): boolean {
  return actor.role === "dataOffice";
}

/** The templates of a department, by decision and title: a reviewer reads their own department's only. */
export async function listOpinionTemplates(db: Db, actor: Actor, departmentId: string): Promise<OpinionTemplateView[]> {
  if (!mayManage(actor) && actor.departmentId !== departmentId) throw new DomainError("forbidden", "errors.otherDepartment");
  return db
    .select(columns)
    .from(opinionTemplates)
    .where(eq(opinionTemplates.departmentId, departmentId))
    .orderBy(asc(opinionTemplates.outcome), asc(opinionTemplates.title))
    .limit(maxOpinionTemplatesPerDepartment);
}

/**
 * Adds a template to a department or changes one (by id, within the same department). Refused: a
 * title the department already uses (on `title`), more than the department may keep, a department
 * or a template that does not exist. The row and its audit event are one transaction; the
 * department's row is locked so two saves cannot both pass the count.
 */
export async function saveOpinionTemplate(db: Db, actor: Actor, input: z.output<typeof ZSaveOpinionTemplateInput>, now: Date = new Date()) {
  if (!mayManage(actor)) throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId)).for("update");
    if (!department) throw new DomainError("invalidInput", "review.errors.unknownDepartment", { field: "departmentId" });
    const [taken] = await tx
      .select({ id: opinionTemplates.id })
      .from(opinionTemplates)
      .where(
        and(
          eq(opinionTemplates.departmentId, input.departmentId),
          eq(opinionTemplates.title, input.title),
          ...(input.id ? [ne(opinionTemplates.id, input.id)] : []),
        ),
      );
    if (taken) throw new DomainError("conflict", "review.errors.templateTitleTaken", { field: "title" });
    const values = { outcome: input.outcome, title: input.title, body: input.body, updatedBy: actor.userId, updatedAt: now };
    let id: string;
    if (input.id) {
      const [row] = await tx
        .update(opinionTemplates)
        .set(values)
        .where(and(eq(opinionTemplates.id, input.id), eq(opinionTemplates.departmentId, input.departmentId)))
        .returning({ id: opinionTemplates.id });
      if (!row) throw new DomainError("notFound", "errors.notFound");
      id = row.id;
    } else {
      const [{ n }] = (await tx.select({ n: count() }).from(opinionTemplates).where(eq(opinionTemplates.departmentId, input.departmentId))) as [{ n: number }];
      if (n >= maxOpinionTemplatesPerDepartment)
        throw new DomainError("invalidInput", "review.errors.tooManyTemplates", { params: { max: maxOpinionTemplatesPerDepartment } });
      const [row] = await tx
        .insert(opinionTemplates)
        .values({ ...values, departmentId: input.departmentId, createdAt: now })
        .returning({ id: opinionTemplates.id });
      if (!row) throw new Error("template not inserted");
      id = row.id;
    }
    await recordAudit<OpinionTemplateAuditAction>(tx, {
      streamId: "organisation",
      actor: { userId: actor.userId, role: actor.role },
      action: "opinionTemplate.save",
      entityType: "opinionTemplate",
      entityId: id,
      data: { departmentId: input.departmentId, outcome: input.outcome, title: input.title, changed: Boolean(input.id) },
      at: now,
    });
    return { id };
  });
}

/** Removes a template (its audit event keeps what it said). */
export async function deleteOpinionTemplate(db: Db, actor: Actor, id: string, now: Date = new Date()) {
  if (!mayManage(actor)) throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(opinionTemplates).where(eq(opinionTemplates.id, id)).returning(columns);
    if (!row) throw new DomainError("notFound", "errors.notFound");
    await recordAudit<OpinionTemplateAuditAction>(tx, {
      streamId: "organisation",
      actor: { userId: actor.userId, role: actor.role },
      action: "opinionTemplate.delete",
      entityType: "opinionTemplate",
      entityId: id,
      data: { departmentId: row.departmentId, outcome: row.outcome, title: row.title, body: row.body },
      at: now,
    });
    return { id };
  });
}
