import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { liveApplicationStatuses } from "../applications/model";
import { applicationMaterials, applications } from "../applications/schema";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { liveTaskStatuses } from "../review/model";
import { reviewTasks } from "../review/schema";

export interface LapsedCertificate {
  id: string;
  number: string;
  typeNameZh: string;
  event: "revoked" | "expired";
  reason: string | null;
}

/**
 * The revocation watch: tells the applicant and the reviewers of every open application that
 * relies on a certificate which was revoked or expired. Runs in the transaction that changed it.
 */
export async function watchLapsedCertificates(tx: Db, lapsed: readonly LapsedCertificate[], exceptApplicationId?: string): Promise<number> {
  if (lapsed.length === 0) return 0;
  const byId = new Map(lapsed.map((c) => [c.id, c]));
  const uses = await tx
    .selectDistinct({
      certificateId: applicationMaterials.certificateId,
      applicationId: applications.id,
      entityId: applications.entityId,
      personId: applications.personId,
      trackingNumber: applications.trackingNumber,
      title: applications.titleZh,
    })
    .from(applicationMaterials)
    .innerJoin(applications, eq(applications.id, applicationMaterials.applicationId))
    .where(
      and(
        inArray(applicationMaterials.certificateId, [...byId.keys()]),
        inArray(applications.status, [...liveApplicationStatuses]),
        // The application that withdrew them (a deregistration) is not told about itself.
        exceptApplicationId ? ne(applications.id, exceptApplicationId) : undefined,
      ),
    );
  for (const use of uses) {
    const cert = byId.get(use.certificateId ?? "");
    if (!cert) continue;
    const tasks = await tx
      .selectDistinct({ departmentId: reviewTasks.departmentId })
      .from(reviewTasks)
      .where(and(eq(reviewTasks.applicationId, use.applicationId), inArray(reviewTasks.status, [...liveTaskStatuses])));
    const params = { trackingNumber: use.trackingNumber ?? "", title: use.title, certificate: cert.typeNameZh, number: cert.number };
    await notify(tx, {
      kind: cert.event === "revoked" ? "certificateRevoked" : "certificateExpired",
      to: { userIds: await applicantUserIds(tx, use), departmentIds: tasks.map((t) => t.departmentId) },
      applicationId: use.applicationId,
      params: cert.event === "revoked" ? { ...params, reason: cert.reason ?? "" } : params,
    });
  }
  return uses.length;
}
