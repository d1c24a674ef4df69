import { and, asc, eq, inArray, notExists, sql } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { addWorkingDays } from "../calendar/model";
import { cachedCalendar } from "../calendar/load-calendar";
import { applications } from "../applications/schema";
import { services } from "../catalog/schema";
import { caseDocuments } from "../documents/schema";
import { licenceFacts } from "../sharing/licence-facts";
import { disclosureDueWorkingDays, publicCounterpartName, type DisclosureAuditAction, type DisclosureKind } from "./model";
import { disclosures } from "./schema";

const decisionKinds = { approvalDecision: "approval", denialDecision: "denial" } as const satisfies Record<string, DisclosureKind>;

export interface PublishResult {
  /** Decisions (决定书) published in this run. */
  decisions: number;
  /** Records written (one per licence granted, one per denial). */
  records: number;
}

/**
 * Publishes every licensing decision not yet published (双公示), from the case's signed 决定书: a
 * grant as one record per licence it issued, a denial as one record. A natural person is
 * published by a masked name and no ID number. Each record keeps the day publication was due
 * (decision day + 7 working days on the official calendar) and the day it was published, so a late
 * one shows. A licence revoked later marks its record at once (`markDisclosureRevoked`, wired to the
 * registry's revocation at the root). Run by the
 * `disclosures.publish` job and on demand by the data office; a run twice (or by two nodes)
 * publishes once: the (decision, licence) pair is unique.
 */
export async function publishDecisions(db: Db, now: Date = new Date(), options: { batchSize?: number } = {}): Promise<PublishResult> {
  const batchSize = options.batchSize ?? 200;
  const result: PublishResult = { decisions: 0, records: 0 };
  const cal = await cachedCalendar(db, now.getTime());
  const publishedOn = shanghaiDate(now);

  const pending = await db
    .select({
      id: caseDocuments.id,
      kind: caseDocuments.kind,
      number: caseDocuments.number,
      content: caseDocuments.content,
      issuerDepartmentId: caseDocuments.issuerDepartmentId,
    })
    .from(caseDocuments)
    .where(
      and(
        inArray(caseDocuments.kind, ["approvalDecision", "denialDecision"]),
        notExists(
          db
            .select({ one: sql`1` })
            .from(disclosures)
            .where(eq(disclosures.documentId, caseDocuments.id)),
        ),
      ),
    )
    .orderBy(asc(caseDocuments.signedAt))
    .limit(batchSize);
  if (pending.length > 0) {
    const numbers = pending.flatMap((d) => (d.kind === "approvalDecision" ? d.content.certificates.map((c) => c.number) : []));
    const facts = await licenceFacts(db, numbers);
    // A licence's decision is its step's: the step that issues its type names the deciding
    // department and the service whose legal basis the licence rests on.
    const planOf = new Map(
      (
        await db
          .select({ id: caseDocuments.id, plan: applications.plan })
          .from(caseDocuments)
          .innerJoin(applications, eq(applications.id, caseDocuments.applicationId))
          .where(
            inArray(
              caseDocuments.id,
              pending.map((d) => d.id),
            ),
          )
      ).map((r) => [r.id, r.plan]),
    );
    const serviceIds = [...new Set([...planOf.values()].flat().map((step) => step.serviceId))];
    const basisOf = new Map(
      serviceIds.length
        ? (await db.select({ id: services.id, legalBasis: services.legalBasis }).from(services).where(inArray(services.id, serviceIds))).map((r) => [
            r.id,
            r.legalBasis,
          ])
        : [],
    );

    for (const doc of pending) {
      const kind = decisionKinds[doc.kind as keyof typeof decisionKinds];
      const c = doc.content;
      const decidedOn = c.issuedOn;
      const common = {
        documentId: doc.id,
        kind,
        decisionNumber: doc.number,
        counterpartName: publicCounterpartName(c.applicantName, c.applicantIsPerson),
        counterpartCode: c.applicantIsPerson ? null : c.applicantCode,
        counterpartIsPerson: c.applicantIsPerson,
        decidedOn,
        dueOn: addWorkingDays(cal, decidedOn, disclosureDueWorkingDays),
        publishedAt: now,
        publishedOn,
        updatedAt: now,
      };
      const rows: Array<typeof disclosures.$inferInsert> =
        kind === "approval"
          ? c.certificates.map((cert) => {
              const f = facts.get(cert.number);
              const step = f ? planOf.get(doc.id)?.find((st) => st.issuesCertificateType === f.typeCode) : undefined;
              return {
                ...common,
                licenceTypeZh: cert.type.zh,
                licenceTypeEn: cert.type.en,
                licenceNumber: cert.number,
                contentZh: `准予行政许可：${c.subject.zh}，核发${cert.type.zh}`,
                contentEn: `Licence granted: ${c.subject.en}; ${cert.type.en} issued`,
                validFrom: f?.issuedOn ?? decidedOn,
                validUntil: f?.validUntil ?? null,
                departmentId: step?.departmentId ?? f?.issuerDepartmentId ?? doc.issuerDepartmentId,
                legalBasis: (step && basisOf.get(step.serviceId)) ?? c.legalBasis.zh,
                revokedAt: f?.revokedAt ?? null,
              };
            })
          : [];
      // A denial, or a grant that issued no licence, is one record without a licence.
      if (rows.length === 0)
        rows.push({
          ...common,
          contentZh: kind === "approval" ? `准予行政许可：${c.subject.zh}` : `不予行政许可：${c.subject.zh}`,
          contentEn: kind === "approval" ? `Licence granted: ${c.subject.en}` : `Licence refused: ${c.subject.en}`,
          validFrom: kind === "approval" ? decidedOn : null,
          departmentId: doc.issuerDepartmentId,
          legalBasis: c.legalBasis.zh,
        });
      await db.transaction(async (tx) => {
        const written = await tx.insert(disclosures).values(rows).onConflictDoNothing().returning({ id: disclosures.id });
        if (written.length === 0) return;
        result.decisions++;
        result.records += written.length;
        await recordAudit<DisclosureAuditAction>(tx, {
          streamId: `disclosure:${doc.id}`,
          actor: null,
          action: "disclosure.publish",
          entityType: "caseDocument",
          entityId: doc.id,
          data: { decisionNumber: doc.number, kind, records: written.length, dueOn: common.dueOn, publishedOn, late: publishedOn > common.dueOn },
          at: now,
        });
      });
    }
  }

  return result;
}
