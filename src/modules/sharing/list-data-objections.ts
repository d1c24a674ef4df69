import { desc, eq, or } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { certificateTypes } from "../catalog/schema";
import { holderIdentity } from "../identity/holder";
import type { Actor } from "../identity/model";
import { certificates } from "./registry-schema";
import { isAnsweredLate } from "./model";
import { dataObjections } from "./schema";

/**
 * Objections with their outcome and whether they are late on `now`'s day: the holder sees those
 * on their data (the correction's new number with it); a reviewer those their department must
 * answer or filed; the data office all (its late list: `late` only).
 */
export async function listDataObjections(db: Db, actor: Actor, options: { late?: boolean } = {}, now: Date = new Date()) {
  let where;
  if (actor.role === "dataOffice") where = undefined;
  else if (actor.role === "reviewer") {
    if (!actor.departmentId) throw new DomainError("forbidden", "errors.forbidden");
    where = or(eq(dataObjections.sourceDepartmentId, actor.departmentId), eq(dataObjections.filedByDepartmentId, actor.departmentId));
  } else where = eq(dataObjections.holderCode, (await holderIdentity(db, actor)).holderCode);
  const rows = await db
    .select({
      o: dataObjections,
      correctedNumber: certificates.number,
      typeNameZh: certificateTypes.nameZh,
      typeNameEn: certificateTypes.nameEn,
      typeFields: certificateTypes.fields,
    })
    .from(dataObjections)
    .leftJoin(certificates, eq(certificates.id, dataObjections.correctedCertificateId))
    .leftJoin(certificateTypes, eq(certificateTypes.code, dataObjections.typeCode))
    .where(where)
    .orderBy(desc(dataObjections.filedAt));
  const today = shanghaiDate(now);
  const listed = rows.map((r) => ({
    id: r.o.id,
    version: r.o.version,
    status: r.o.status,
    certificateNumber: r.o.certificateNumber,
    typeCode: r.o.typeCode,
    typeNameZh: r.typeNameZh ?? r.o.typeCode,
    typeNameEn: r.typeNameEn ?? r.o.typeCode,
    fieldNameZh: r.typeFields?.find((f) => f.key === r.o.fieldKey)?.nameZh ?? r.o.fieldKey,
    fieldNameEn: r.typeFields?.find((f) => f.key === r.o.fieldKey)?.nameEn ?? r.o.fieldKey,
    /** The viewer's department issued the data and decides (a reviewer of the source department). */
    mayDecide: actor.role === "reviewer" && actor.departmentId === r.o.sourceDepartmentId,
    holderCode: r.o.holderCode,
    fieldKey: r.o.fieldKey,
    currentValue: r.o.currentValue,
    claim: r.o.claim,
    proposedValue: r.o.proposedValue,
    byDepartment: r.o.filedByDepartmentId !== null,
    filedOn: r.o.filedOn,
    dueOn: r.o.dueOn,
    answeredOn: r.o.answeredOn,
    answer: r.o.answer,
    correctedNumber: r.correctedNumber,
    late: isAnsweredLate(r.o.dueOn, r.o.answeredOn, today),
  }));
  return options.late ? listed.filter((o) => o.late) : listed;
}
