import { and, count, desc, eq, inArray, isNull, not, sql } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { holderIdentity } from "../identity/holder";
import { applications } from "../applications/schema";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { citizens, departments, users } from "../identity/schema";
import { notify } from "../notifications/notify";
import type { ZAnswerQuestionInput, ZAskQuestionInput, ZDataLogInput } from "./inputs";
import { accessQuestions, dataAccessLog, dataResources, publicVerificationCounts } from "./schema";

// The holder's data log (数据使用记录): every read of an enterprise's or citizen's data, who read
// it, for which case and why; a holder may question a read and the data office answers.

export const dataLogPageSize = 20;

/** Reads the holder made of their own data (pre-fill, submission, their own pages). */
const ownPurposes = ["ownRecord", "prefill", "submission"] as const;

/**
 * Reads of the signed-in holder's data, newest first. The holder's own reads only when asked:
 * for an enterprise, the reads of the people acting for it; for a person, their own account's —
 * an agent's or the window's reads for them always show, with who it was.
 */
export async function listDataLog(db: Db, actor: Actor, input: z.output<typeof ZDataLogInput>) {
  const who = await holderIdentity(db, actor);
  const [own] = who.personId ? await db.select({ userId: citizens.userId }).from(citizens).where(eq(citizens.id, who.personId)) : [];
  const ownUserId = own?.userId ?? null;
  const ownRead =
    who.kind === "enterprise"
      ? inArray(dataAccessLog.purpose, [...ownPurposes])
      : and(inArray(dataAccessLog.purpose, [...ownPurposes]), ownUserId ? eq(dataAccessLog.readerUserId, ownUserId) : sql`false`);
  const filter = and(eq(dataAccessLog.holderCode, who.holderCode), input.includeOwn ? undefined : not(ownRead ?? sql`false`));
  const [{ total }] = (await db.select({ total: count() }).from(dataAccessLog).where(filter)) as [{ total: number }];
  const rows = await db
    .select({
      log: dataAccessLog,
      readerName: users.displayName,
      deptZh: departments.nameZh,
      deptEn: departments.nameEn,
      typeZh: certificateTypes.nameZh,
      typeEn: certificateTypes.nameEn,
      resourceZh: dataResources.nameZh,
      resourceEn: dataResources.nameEn,
      trackingNumber: applications.trackingNumber,
      titleZh: applications.titleZh,
      titleEn: applications.titleEn,
      question: accessQuestions,
    })
    .from(dataAccessLog)
    .leftJoin(users, eq(users.id, dataAccessLog.readerUserId))
    .leftJoin(departments, eq(departments.id, dataAccessLog.readerDepartmentId))
    .leftJoin(certificateTypes, eq(certificateTypes.code, dataAccessLog.certificateTypeCode))
    .leftJoin(dataResources, eq(dataResources.id, dataAccessLog.resourceId))
    .leftJoin(applications, eq(applications.id, dataAccessLog.applicationId))
    .leftJoin(accessQuestions, eq(accessQuestions.logId, dataAccessLog.id))
    .where(filter)
    .orderBy(desc(dataAccessLog.at), desc(dataAccessLog.id))
    .limit(dataLogPageSize)
    .offset((input.page - 1) * dataLogPageSize);
  return {
    total,
    page: input.page,
    pageSize: dataLogPageSize,
    entries: rows.map((r) => ({
      id: r.log.id,
      at: r.log.at,
      /** The name of staff, and of an agent or the window reading for a person; null for the public and for the holder. */
      readerName:
        r.log.readerRole === "windowClerk" ||
        r.log.readerRole === "reviewer" ||
        (who.kind === "citizen" && r.log.readerUserId !== null && r.log.readerUserId !== ownUserId)
          ? r.readerName
          : null,
      readerRole: r.log.readerRole,
      departmentNameZh: r.deptZh,
      departmentNameEn: r.deptEn,
      dataNameZh: r.typeZh ?? r.resourceZh ?? r.log.certificateTypeCode ?? "",
      dataNameEn: r.typeEn ?? r.resourceEn ?? r.log.certificateTypeCode ?? "",
      application: r.log.applicationId && r.trackingNumber ? { trackingNumber: r.trackingNumber, titleZh: r.titleZh ?? "", titleEn: r.titleEn ?? "" } : null,
      purpose: r.log.purpose,
      legalBasis: r.log.legalBasis,
      outcome: r.log.outcome,
      refusalReason: r.log.refusalReason,
      /** A read across regions: the other node's region, and on the answering node the other region's department. */
      peerRegion: r.log.peerRegion,
      peerDepartmentCode: r.log.peerDepartmentCode,
      question: r.question
        ? { id: r.question.id, text: r.question.question, askedAt: r.question.askedAt, answer: r.question.answer, answeredAt: r.question.answeredAt }
        : null,
    })),
  };
}

/** The holder questions one read of their data; one question per read. */
export async function askQuestion(db: Db, actor: Actor, input: z.output<typeof ZAskQuestionInput>, now: Date = new Date()) {
  const who = await holderIdentity(db, actor);
  return db.transaction(async (tx) => {
    const [log] = await tx
      .select({ id: dataAccessLog.id })
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.id, input.logId), eq(dataAccessLog.holderCode, who.holderCode)));
    if (!log) throw new DomainError("notFound", "errors.notFound");
    const [row] = await tx
      .insert(accessQuestions)
      .values({ logId: log.id, holderCode: who.holderCode, askedBy: actor.userId, question: input.question, askedAt: now })
      .onConflictDoNothing()
      .returning({ id: accessQuestions.id });
    if (!row) throw new DomainError("conflict", "sharing.errors.alreadyAsked", { field: "question" });
    return { id: row.id };
  });
}

/** How many questions wait for the data office's answer (its landing page's count). */
export async function countOpenQuestions(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(accessQuestions).where(isNull(accessQuestions.answeredAt));
  return row?.n ?? 0;
}

/** The data office's queue of questions, unanswered first. */
export async function listQuestions(db: Db, options: { open?: boolean } = {}) {
  const rows = await db
    .select({
      q: accessQuestions,
      log: dataAccessLog,
      askerName: users.displayName,
      deptZh: departments.nameZh,
      deptEn: departments.nameEn,
      typeZh: certificateTypes.nameZh,
      typeEn: certificateTypes.nameEn,
      trackingNumber: applications.trackingNumber,
    })
    .from(accessQuestions)
    .innerJoin(dataAccessLog, eq(dataAccessLog.id, accessQuestions.logId))
    .innerJoin(users, eq(users.id, accessQuestions.askedBy))
    .leftJoin(departments, eq(departments.id, dataAccessLog.readerDepartmentId))
    .leftJoin(certificateTypes, eq(certificateTypes.code, dataAccessLog.certificateTypeCode))
    .leftJoin(applications, eq(applications.id, dataAccessLog.applicationId))
    .where(options.open ? isNull(accessQuestions.answeredAt) : undefined)
    .orderBy(sql`${accessQuestions.answeredAt} is not null`, desc(accessQuestions.askedAt))
    .limit(200);
  return rows.map((r) => ({
    id: r.q.id,
    question: r.q.question,
    askedAt: r.q.askedAt,
    askerName: r.askerName,
    answer: r.q.answer,
    answeredAt: r.q.answeredAt,
    read: {
      at: r.log.at,
      readerRole: r.log.readerRole,
      departmentNameZh: r.deptZh,
      departmentNameEn: r.deptEn,
      dataNameZh: r.typeZh ?? r.log.certificateTypeCode ?? "",
      dataNameEn: r.typeEn ?? r.log.certificateTypeCode ?? "",
      purpose: r.log.purpose,
      legalBasis: r.log.legalBasis,
      outcome: r.log.outcome,
      trackingNumber: r.trackingNumber,
    },
  }));
}

/** The data office answers a question once; the holder is told. */
export async function answerQuestion(db: Db, actor: Actor, input: z.output<typeof ZAnswerQuestionInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(accessQuestions)
      .set({ answer: input.answer, answeredBy: actor.userId, answeredAt: now })
      .where(and(eq(accessQuestions.id, input.questionId), isNull(accessQuestions.answeredAt)))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ id: accessQuestions.id }).from(accessQuestions).where(eq(accessQuestions.id, input.questionId));
      if (!exists) throw new DomainError("notFound", "errors.notFound");
      throw new DomainError("conflict", "sharing.errors.alreadyAnswered");
    }
    await notify(tx, { kind: "accessQuestionAnswered", to: { userIds: [row.askedBy] }, params: { question: row.question.slice(0, 60) } });
    return { id: row.id, answeredAt: row.answeredAt };
  });
}

/** Anonymous public verifications of the holder's certificates, counted per certificate and day (the last 60 such days). */
export async function listPublicVerifications(db: Db, actor: Actor) {
  const who = await holderIdentity(db, actor);
  const rows = await db
    .select({
      day: publicVerificationCounts.day,
      count: publicVerificationCounts.count,
      lastAt: publicVerificationCounts.lastAt,
      typeZh: certificateTypes.nameZh,
      typeEn: certificateTypes.nameEn,
    })
    .from(publicVerificationCounts)
    .leftJoin(certificateTypes, eq(certificateTypes.code, publicVerificationCounts.certificateTypeCode))
    .where(eq(publicVerificationCounts.holderCode, who.holderCode))
    .orderBy(desc(publicVerificationCounts.day), desc(publicVerificationCounts.lastAt))
    .limit(60);
  return rows.map((r) => ({ day: r.day, count: r.count, lastAt: r.lastAt, dataNameZh: r.typeZh ?? "", dataNameEn: r.typeEn ?? "" }));
}
