import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import { applicationMaterials } from "../applications/schema";
import { recordAudit } from "../audit/record-audit";
import { cachedCalendar } from "../calendar/load-calendar";
import { addWorkingDays } from "../calendar/model";
import { departments } from "../identity/schema";
import { notify } from "../notifications/notify";
import { initialVerificationStatus, type CommitmentAuditAction } from "./model";
import { commitmentVerifications } from "./schema";
import { commitmentStream } from "./transition";

/**
 * The `review.applicationApproved` listener (wired at the root): each material the applicant
 * committed instead of supplying opens one verification task for the department the accepted rule
 * names, due the rule's working days after the approval day on the official calendar, audited,
 * and the department's reviewers are told. Runs in the deciding transaction; a second run for the
 * same application opens nothing more (one task per application and material).
 */
export async function openVerificationsOnApproval(
  tx: Db,
  app: ApplicationRow,
  _issued: unknown,
  holder: { code: string; name: string },
  now: Date,
): Promise<void> {
  const committed = await tx
    .select({ materialKey: applicationMaterials.materialKey })
    .from(applicationMaterials)
    .where(and(eq(applicationMaterials.applicationId, app.id), isNotNull(applicationMaterials.committedAt)));
  if (committed.length === 0) return;
  const plan = new Map((app.planForm?.materials ?? []).map((m) => [m.key, m]));
  const rules = committed.flatMap((c) => {
    const m = plan.get(c.materialKey);
    return m?.commitment ? [{ material: m, rule: m.commitment }] : [];
  });
  if (rules.length === 0) return;
  const deps = await tx
    .select({ id: departments.id, code: departments.code })
    .from(departments)
    .where(
      inArray(
        departments.code,
        rules.map((r) => r.rule.departmentCode),
      ),
    );
  const idOf = new Map(deps.map((d) => [d.code, d.id]));
  const cal = await cachedCalendar(tx, now.getTime());
  const openedOn = shanghaiDate(now);
  for (const { material, rule } of rules) {
    const departmentId = idOf.get(rule.departmentCode);
    // The catalog checked the department when the rule was saved; one removed since cannot verify.
    if (!departmentId) throw new Error(`verifying department ${rule.departmentCode} of ${material.key} not found`);
    const dueOn = addWorkingDays(cal, openedOn, rule.workingDays);
    const [row] = await tx
      .insert(commitmentVerifications)
      .values({
        applicationId: app.id,
        materialKey: material.key,
        materialNameZh: material.nameZh,
        materialNameEn: material.nameEn,
        // The applicant who committed (a founder commits for the enterprise being founded).
        subjectCode: app.holderCode,
        subjectName: app.applicantName,
        departmentId,
        method: rule.method,
        workingDays: rule.workingDays,
        openedOn,
        dueOn,
        status: initialVerificationStatus,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    await recordAudit<CommitmentAuditAction>(tx, {
      streamId: commitmentStream(app.id),
      actor: null,
      action: "commitmentVerification.open",
      entityType: "commitmentVerification",
      entityId: row.id,
      to: row.status,
      data: { materialKey: material.key, departmentId, dueOn, method: rule.method, holder: holder.code === app.holderCode ? undefined : holder.code },
      at: now,
    });
    await notify(tx, {
      kind: "verificationOpened",
      to: { departmentIds: [departmentId] },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, material: material.nameZh, dueDate: dueOn },
    });
  }
}
