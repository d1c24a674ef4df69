import { and, eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { reviewTasks } from "../review/schema";
import { applicationMaterials, applications, uploads } from "./schema";

/**
 * An uploaded file for download: its owner, the window (for submitted applications) and reviewers
 * whose department holds a task on an application that uses it. Anyone else: not found.
 */
export async function readUpload(db: Db, actor: Actor, uploadId: string) {
  const [file] = await db.select().from(uploads).where(eq(uploads.id, uploadId));
  if (!file) throw new DomainError("notFound", "errors.notFound");
  if (file.ownerUserId === actor.userId) return file;
  const usedBy = await db
    .select({ id: applications.id, status: applications.status })
    .from(applicationMaterials)
    .innerJoin(applications, eq(applications.id, applicationMaterials.applicationId))
    .where(eq(applicationMaterials.uploadId, uploadId));
  const live = usedBy.filter((a) => a.status !== "draft");
  if (actor.role === "windowClerk" && live.length > 0) return file;
  if (actor.role === "reviewer" && actor.departmentId && live.length > 0) {
    const [task] = await db
      .select({ id: reviewTasks.id })
      .from(reviewTasks)
      .where(and(eq(reviewTasks.departmentId, actor.departmentId), inArray(reviewTasks.applicationId, live.map((a) => a.id))));
    if (task) return file;
  }
  throw new DomainError("notFound", "errors.notFound");
}
