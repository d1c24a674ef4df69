import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { applications } from "../applications/schema";
import { recordCredit } from "../credit/record-credit";
import type { Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { departments } from "../identity/schema";
import { notify } from "../notifications/notify";
import { revokeApplicationCertificates } from "../sharing/revoke-certificate";
import { ZRecordVerificationInput, type RecordVerificationInput } from "./inputs";
import type { VerificationStatus } from "./model";
import { lockVerification, moveVerification } from "./transition";

/** The legal basis of a broken-commitment record and of the revocation it brings. */
export const commitmentLegalBasis = "《国务院办公厅关于全面推行证明事项告知承诺制的指导意见》（国办发〔2020〕42号）；《中华人民共和国行政许可法》第六十九条";

/**
 * A reviewer of the verifying department records the result of a verification task, with what
 * they found. Passed closes it. Failed — the commitment was false — does in the same transaction:
 * the certificates the application's approval issued are revoked (sharing's revocation: the watch
 * tells the applications that relied on them, the disclosure is marked revoked), a
 * broken-commitment credit record is written for the applicant (which bars committing for three
 * years), and the applicant is told. Another department's task is "not found"; a stale version
 * is a conflict.
 */
export async function recordVerification(
  db: Db,
  actor: Actor,
  raw: RecordVerificationInput,
  now: Date = new Date(),
): Promise<{ id: string; status: VerificationStatus; revoked: string[]; creditRecordId: string | null }> {
  const input = ZRecordVerificationInput.parse(raw);
  if (actor.role !== "reviewer" || !actor.departmentId) throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const task = await lockVerification(tx, input.verificationId);
    if (!task || task.departmentId !== actor.departmentId) throw new DomainError("notFound", "errors.notFound", { field: "verificationId" });
    if (task.version !== input.version) throw new DomainError("conflict", "errors.conflict");
    const set = { finding: input.finding, decidedBy: actor.userId, decidedAt: now };
    if (input.outcome === "pass") {
      const row = await moveVerification(tx, task, "pass", set, actor, now, { finding: input.finding });
      return { id: row.id, status: row.status, revoked: [], creditRecordId: null };
    }
    const [app] = await tx
      .select({
        id: applications.id,
        trackingNumber: applications.trackingNumber,
        titleZh: applications.titleZh,
        entityId: applications.entityId,
        personId: applications.personId,
      })
      .from(applications)
      .where(eq(applications.id, task.applicationId));
    if (!app) throw new Error("application of a verification task missing");
    const [department] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, task.departmentId));
    const reason = `告知承诺核查不通过（${task.materialNameZh}）：${input.finding}`;
    const revoked = await revokeApplicationCertificates(tx, { applicationId: app.id, reason, actor, now });
    const record = await recordCredit(
      tx,
      {
        kind: "brokenCommitment",
        subjectCode: task.subjectCode,
        subjectName: task.subjectName,
        departmentId: task.departmentId,
        title: `违背告知承诺：${task.materialNameZh}`,
        content: `办件 ${app.trackingNumber ?? ""}（${app.titleZh}）以承诺代替“${task.materialNameZh}”，经核查承诺不实：${input.finding}${revoked.length ? `。已撤销证照：${revoked.join("、")}` : ""}`,
        legalBasis: commitmentLegalBasis,
        decidedOn: shanghaiDate(now),
        sourceKey: `commitment:${task.id}`,
        sourceApplicationId: app.id,
        recordedBy: actor,
      },
      now,
    );
    const row = await moveVerification(tx, task, "fail", set, actor, now, { finding: input.finding, revoked, creditRecordId: record.id });
    await notify(tx, {
      kind: "commitmentBroken",
      to: { userIds: await applicantUserIds(tx, app, now) },
      applicationId: app.id,
      params: {
        trackingNumber: app.trackingNumber ?? "",
        title: app.titleZh,
        material: task.materialNameZh,
        department: department?.nameZh ?? "",
        finding: input.finding,
        numbers: revoked.join("、") || "—",
      },
    });
    return { id: row.id, status: row.status, revoked, creditRecordId: record.id };
  });
}
