import { and, desc, eq, gt, gte, ilike, lte, sql, type SQL } from "drizzle-orm";
import { cappedCount } from "@/server/db/capped-count";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import type { DisclosureSearch } from "./inputs";
import type { PublicDisclosure } from "./model";
import { disclosures } from "./schema";

/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface DisclosurePage {
  rows: PublicDisclosure[];
  total: number;
  /** There are more than `total` (the count stops after a bound). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

/**
 * The published decisions that match a search, newest decision first, one page. Everything here is
 * public: a natural person's name was masked when the record was written, and no ID number is kept.
 */
export async function searchDisclosures(db: Db, search: DisclosureSearch): Promise<DisclosurePage> {
  const where: SQL[] = [];
  if (search.q) where.push(ilike(disclosures.counterpartName, `%${likeLiteral(search.q)}%`));
  if (search.code) where.push(eq(disclosures.counterpartCode, search.code));
  if (search.department) where.push(eq(departments.code, search.department));
  if (search.from) where.push(gte(disclosures.decidedOn, search.from));
  if (search.to) where.push(lte(disclosures.decidedOn, search.to));
  const filter = where.length ? and(...where) : undefined;
  const order = [desc(disclosures.decidedOn), desc(disclosures.publishedAt), disclosures.decisionNumber, disclosures.licenceNumber];
  // Counted in the list's order (`disclosures_decided_on_idx`), up to a bound (see cappedCount).
  const { total, capped } = await cappedCount(
    db,
    db
      .select({ one: sql`1` })
      .from(disclosures)
      .innerJoin(departments, eq(departments.id, disclosures.departmentId))
      .where(filter)
      .orderBy(...order)
      .getSQL(),
    (search.page - 1) * search.pageSize,
  );
  const rows = await db
    .select({ d: disclosures, departmentZh: departments.nameZh, departmentEn: departments.nameEn, departmentCode: departments.code })
    .from(disclosures)
    .innerJoin(departments, eq(departments.id, disclosures.departmentId))
    .where(filter)
    .orderBy(...order)
    .limit(search.pageSize)
    .offset((search.page - 1) * search.pageSize);
  return {
    total,
    totalCapped: capped,
    page: search.page,
    pageSize: search.pageSize,
    rows: rows.map(({ d, departmentZh, departmentEn, departmentCode }) => ({
      decisionNumber: d.decisionNumber,
      kind: d.kind,
      counterpartName: d.counterpartName,
      counterpartCode: d.counterpartCode,
      licenceTypeZh: d.licenceTypeZh,
      licenceTypeEn: d.licenceTypeEn,
      licenceNumber: d.licenceNumber,
      contentZh: d.contentZh,
      contentEn: d.contentEn,
      decidedOn: d.decidedOn,
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      departmentZh,
      departmentEn,
      departmentCode,
      legalBasis: d.legalBasis,
      status: d.revokedAt ? "revoked" : "valid",
      revokedOn: d.revokedAt ? shanghaiDate(d.revokedAt) : null,
      publishedOn: d.publishedOn,
    })),
  };
}

/** SQL: a record published after its due day (see `isPublishedLate`). */
export function publishedLate(): SQL {
  return gt(disclosures.publishedOn, disclosures.dueOn);
}

/** Records published after their due day (for the data office), newest first. */
export async function listLatePublications(db: Db, limit = 50) {
  return db
    .select({
      decisionNumber: disclosures.decisionNumber,
      licenceNumber: disclosures.licenceNumber,
      decidedOn: disclosures.decidedOn,
      dueOn: disclosures.dueOn,
      publishedOn: disclosures.publishedOn,
      departmentZh: departments.nameZh,
      departmentEn: departments.nameEn,
    })
    .from(disclosures)
    .innerJoin(departments, eq(departments.id, disclosures.departmentId))
    .where(publishedLate())
    .orderBy(desc(disclosures.publishedOn))
    .limit(limit);
}
