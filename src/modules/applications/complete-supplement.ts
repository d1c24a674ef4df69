import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { planFormOf } from "./plan-form";
import { msg } from "@/lib/message";
import { DomainError } from "@/lib/domain-error";
import { keyParam } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import type { Actor } from "../identity/model";
import { reopenAfterSupplement } from "../review/reopen-tasks";
import { applicantMay } from "./applicant";
import { checkMaterials } from "./check-materials";
import type { ZCompleteSupplementInput } from "./inputs";
import { applicationMaterials, supplementAnswers, supplementNotices, uploads, type NoticeItem } from "./schema";
import { applyApplicationEvent, expectVersion, lockApplication } from "./transition";

/**
 * The applicant answers the one notice: supplies the items asked for, and the application goes
 * back to the window (asked at acceptance) or to the departments that asked (during review).
 */
export async function completeSupplement(db: Db, actor: Actor, input: z.output<typeof ZCompleteSupplementInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    if (!applicantMay(actor, app, "view")) throw new DomainError("notFound", "errors.notFound");
    if (!applicantMay(actor, app, "act")) throw new DomainError("forbidden", "applications.errors.outOfMandate");
    expectVersion(app, input.version);
    const [notice] = await tx
      .select()
      .from(supplementNotices)
      .where(and(eq(supplementNotices.applicationId, app.id), isNull(supplementNotices.completedAt)))
      .orderBy(desc(supplementNotices.issuedAt))
      .limit(1);
    if (!notice || app.status !== "supplementRequired") {
      throw new DomainError("illegalTransition", "errors.illegalTransition", {
        params: { machine: "application", from: keyParam(`applications.status.application.${app.status}`), event: "supplement" },
      });
    }

    const scope = new Set(notice.items.flatMap((i) => i.materialKeys));
    if (scope.size > 0) {
      const plan = await planFormOf(tx, app);
      if (!plan) throw new DomainError("notFound", "errors.notFound");
      const checked = await checkMaterials(tx, {
        materials: plan.materials,
        formData: { ...app.formData, ...input.formData },
        supplied: input.materials,
        consent: app.consentedAt !== null,
        holderCode: app.holderCode,
        principalId: app.principalId ?? "",
        reader: actor,
        applicationId: app.id,
        today: shanghaiDate(now),
        only: scope,
        now,
      });
      for (const s of checked.supplies) {
        await tx
          .insert(applicationMaterials)
          .values({ ...s, applicationId: app.id, updatedAt: now })
          .onConflictDoUpdate({
            target: [applicationMaterials.applicationId, applicationMaterials.materialKey],
            set: { uploadId: s.uploadId, certificateId: s.certificateId, committedAt: s.committedAt, updatedAt: now },
          });
      }
      app.formData = { ...app.formData, ...checked.formData };
    }
    const answers = await checkAnswers(tx, notice.items, input.answers ?? {}, app.principalId ?? "");
    if (answers.length > 0) await tx.insert(supplementAnswers).values(answers.map((a) => ({ ...a, noticeId: notice.id, answeredAt: now })));
    // A notice answered after its deadline is accepted all the same, and marked late.
    const late = notice.dueAt !== null && now.getTime() > notice.dueAt.getTime();
    await tx.update(supplementNotices).set({ completedAt: now, completedBy: actor.userId, answeredLate: late }).where(eq(supplementNotices.id, notice.id));

    if (notice.stage === "acceptance") {
      const updated = await applyApplicationEvent(tx, app, "resubmit", { actor, now, patch: { formData: app.formData }, data: { notice: notice.id, late } });
      return { id: updated.id, status: updated.status, version: updated.version };
    }
    const updated = await applyApplicationEvent(tx, app, "supplement", { actor, now, patch: { formData: app.formData }, data: { notice: notice.id, late } });
    await reopenAfterSupplement(tx, updated, actor, now);
    return { id: updated.id, status: updated.status, version: updated.version };
  });
}

/**
 * The answers to a notice's `document` items (an upload of the applicant's own) and `question`
 * items (a text): every such item answered, nothing else. Every gap at once, as field errors
 * `answers.<n>.uploadId` / `answers.<n>.text`.
 */
async function checkAnswers(
  tx: Db,
  items: readonly NoticeItem[],
  given: NonNullable<z.output<typeof ZCompleteSupplementInput>["answers"]>,
  principalId: string,
): Promise<Array<{ itemIndex: number; uploadId: string | null; text: string | null }>> {
  const issues: z.core.$ZodIssue[] = [];
  for (const key of Object.keys(given)) {
    const item = items[Number(key)];
    if (!item || item.kind === "material")
      issues.push({ code: "custom", path: ["answers", key], message: msg("applications.validation.answerUnknown"), input: key });
  }
  const uploadIds = items.flatMap((item, n) => (item.kind === "document" && given[String(n)]?.uploadId ? [given[String(n)]?.uploadId ?? ""] : []));
  const owned = uploadIds.length
    ? new Set(
        (
          await tx
            .select({ id: uploads.id })
            .from(uploads)
            .where(and(inArray(uploads.id, uploadIds), eq(uploads.principalId, principalId)))
        ).map((u) => u.id),
      )
    : new Set<string>();
  const out: Array<{ itemIndex: number; uploadId: string | null; text: string | null }> = [];
  items.forEach((item, n) => {
    const answer = given[String(n)];
    if (item.kind === "document") {
      if (!answer?.uploadId)
        issues.push({ code: "custom", path: ["answers", String(n), "uploadId"], message: msg("applications.validation.answerUpload"), input: undefined });
      else if (!owned.has(answer.uploadId))
        issues.push({ code: "custom", path: ["answers", String(n), "uploadId"], message: msg("validation.material.uploadUnknown"), input: answer.uploadId });
      else out.push({ itemIndex: n, uploadId: answer.uploadId, text: null });
    } else if (item.kind === "question") {
      if (!answer?.text)
        issues.push({ code: "custom", path: ["answers", String(n), "text"], message: msg("applications.validation.answerText"), input: answer?.text });
      else out.push({ itemIndex: n, uploadId: null, text: answer.text });
    }
  });
  // ZodRealError: tRPC keeps its issues as field errors (see check-materials.ts).
  if (issues.length > 0) throw new z.ZodRealError(issues);
  return out;
}
