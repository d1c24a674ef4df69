import { and, asc, eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { applicantMay } from "../applications/applicant";
import { isRatableApplication } from "../applications/model";
import { applications } from "../applications/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { decidedTaskStatuses } from "../review/model";
import { reviewTasks } from "../review/schema";

export type ApplicationRow = typeof applications.$inferSelect;

/** The departments a finished case may rate: those that decided a task of it (approved or denied). */
export async function decidingDepartments(db: Db, applicationId: string): Promise<Array<{ id: string; nameZh: string; nameEn: string }>> {
  return db
    .selectDistinct({ id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn })
    .from(reviewTasks)
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .where(and(eq(reviewTasks.applicationId, applicationId), inArray(reviewTasks.status, [...decidedTaskStatuses])))
    .orderBy(asc(departments.nameZh));
}

/**
 * The application, if the actor stands for its applicant (`view` to read the ratings, `act` to
 * rate and appeal). The same answer whether the case does not exist or is someone else's.
 */
export async function applicantsApplication(db: Db, actor: Actor, applicationId: string, need: "view" | "act", lock = false): Promise<ApplicationRow> {
  const q = db.select().from(applications).where(eq(applications.id, applicationId));
  const [app] = lock ? await q.for("update") : await q;
  if (!app || !applicantMay(actor, app, need)) throw new DomainError("notFound", "errors.notFound", { field: "applicationId" });
  return app;
}

/** A case is rated once it is finished with an outcome (completed, denied, refused). */
export function assertRatable(app: ApplicationRow): void {
  if (!isRatableApplication(app.status)) throw new DomainError("illegalTransition", "ratings.errors.notFinished", { field: "applicationId" });
}
