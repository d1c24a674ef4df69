import { and, desc, eq, gte, isNull, lte, or } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { initialCreditRecordStatus, isPublicRecord } from "./model";
import { creditRecords } from "./schema";

/** A penalty as the disclosure page publishes it (双公示): an enterprise's, in its period; never a person's. */
export interface PublishedPenalty {
  subjectName: string;
  creditCode: string;
  title: string;
  content: string;
  documentNumber: string | null;
  legalBasis: string;
  decidedOn: string;
  publishedUntil: string | null;
  departmentZh: string;
  departmentEn: string;
}

/** The administrative penalties inside their publication period on `now`, newest decision first. */
export async function publishedPenalties(db: Db, now: Date = new Date(), limit = 50): Promise<PublishedPenalty[]> {
  const today = shanghaiDate(now);
  const rows = await db
    .select({ r: creditRecords, departmentZh: departments.nameZh, departmentEn: departments.nameEn })
    .from(creditRecords)
    .innerJoin(departments, eq(departments.id, creditRecords.departmentId))
    .where(
      and(
        eq(creditRecords.kind, "administrativePenalty"),
        eq(creditRecords.subjectKind, "entity"),
        eq(creditRecords.status, initialCreditRecordStatus),
        lte(creditRecords.publishedFrom, today),
        or(isNull(creditRecords.publishedUntil), gte(creditRecords.publishedUntil, today)),
      ),
    )
    .orderBy(desc(creditRecords.decidedOn), desc(creditRecords.recordedAt), creditRecords.id)
    .limit(limit);
  return rows
    .filter(({ r }) => isPublicRecord(r, today))
    .map(({ r, departmentZh, departmentEn }) => ({
      subjectName: r.subjectName,
      creditCode: r.subjectCode,
      title: r.title,
      content: r.content,
      documentNumber: r.documentNumber,
      legalBasis: r.legalBasis,
      decidedOn: r.decidedOn,
      publishedUntil: r.publishedUntil,
      departmentZh,
      departmentEn,
    }));
}
