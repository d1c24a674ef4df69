import { and, eq } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { cachedCalendar } from "../calendar/load-calendar";
import { addWorkingDays } from "../calendar/model";
import { printedFields, sharedFieldKeys } from "../catalog/model";
import { certificateTypes } from "../catalog/schema";
import { holderIdentity } from "../identity/holder";
import type { Actor } from "../identity/model";
import { ZFileDataObjectionInput } from "./inputs";
import { dataObjectionWorkingDays, grantInForceStatus, initialDataObjectionStatus, type DataObjectionAuditAction } from "./model";
import { logObjectionStep } from "./objection-log";
import { certificates } from "./registry-schema";
import { dataObjections, dataResources, grants } from "./schema";

/**
 * Objects to a field of a shared certificate (数据异议): the holder, for any field their certificate
 * shows; or a reviewer of a department that uses the data (a grant in force on its resource), for
 * the fields shared with it. Anyone else is answered as not found. Only a valid certificate takes
 * an objection, one open per field; the issuing department has `dataObjectionWorkingDays` working
 * days (official calendar) to correct it or answer.
 */
export async function fileDataObjection(db: Db, actor: Actor, raw: unknown, now: Date = new Date()): Promise<{ id: string; dueOn: string }> {
  const input = ZFileDataObjectionInput.parse(raw);
  const cal = await cachedCalendar(db, now.getTime());
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ c: certificates, typeFields: certificateTypes.fields })
      .from(certificates)
      .innerJoin(certificateTypes, eq(certificateTypes.code, certificates.typeCode))
      .where(eq(certificates.number, input.number))
      .for("update", { of: certificates });
    if (!row) throw new DomainError("notFound", "sharing.errors.certificateNotFound", { field: "number" });
    let filedByDepartmentId: string | null = null;
    let mayObjectTo: string[];
    if (actor.role === "reviewer" && actor.departmentId) {
      const [grant] = await tx
        .select({ id: grants.id })
        .from(grants)
        .innerJoin(dataResources, eq(dataResources.id, grants.resourceId))
        .where(
          and(
            eq(dataResources.certificateTypeCode, row.c.typeCode),
            eq(grants.consumerDepartmentId, actor.departmentId),
            eq(grants.status, grantInForceStatus),
          ),
        );
      if (!grant) throw new DomainError("notFound", "sharing.errors.certificateNotFound", { field: "number" });
      filedByDepartmentId = actor.departmentId;
      mayObjectTo = sharedFieldKeys(row.typeFields);
    } else {
      const who = await holderIdentity(tx, actor);
      if (who.holderCode !== row.c.holderCode) throw new DomainError("notFound", "sharing.errors.certificateNotFound", { field: "number" });
      mayObjectTo = printedFields(row.typeFields).map((f) => f.key);
    }
    if (row.c.status !== "valid") throw new DomainError("conflict", "sharing.objections.errors.notValid", { field: "number" });
    if (!mayObjectTo.includes(input.fieldKey) || row.c.fields[input.fieldKey] === undefined)
      throw new DomainError("invalidInput", "sharing.objections.errors.fieldUnknown", { field: "fieldKey" });
    const [open] = await tx
      .select({ id: dataObjections.id })
      .from(dataObjections)
      .where(
        and(eq(dataObjections.certificateId, row.c.id), eq(dataObjections.fieldKey, input.fieldKey), eq(dataObjections.status, initialDataObjectionStatus)),
      );
    if (open) throw new DomainError("conflict", "sharing.objections.errors.alreadyOpen", { field: "fieldKey" });
    const filedOn = shanghaiDate(now);
    const dueOn = addWorkingDays(cal, filedOn, dataObjectionWorkingDays);
    const [objection] = await tx
      .insert(dataObjections)
      .values({
        certificateId: row.c.id,
        certificateNumber: row.c.number,
        typeCode: row.c.typeCode,
        holderCode: row.c.holderCode,
        sourceDepartmentId: row.c.issuerDepartmentId,
        fieldKey: input.fieldKey,
        currentValue: row.c.fields[input.fieldKey] ?? "",
        claim: input.claim,
        proposedValue: input.proposedValue || null,
        filedBy: actor.userId,
        filedByDepartmentId,
        filedAt: now,
        filedOn,
        dueOn,
        status: initialDataObjectionStatus,
      })
      .returning();
    await recordAudit<DataObjectionAuditAction>(tx, {
      streamId: objection!.id,
      actor: { userId: actor.userId, role: actor.role },
      action: "dataObjection.file",
      entityType: "dataObjection",
      entityId: objection!.id,
      to: objection!.status,
      data: { number: row.c.number, field: input.fieldKey, byDepartment: filedByDepartmentId !== null, dueOn },
      at: now,
    });
    await logObjectionStep(tx, actor, { holderCode: row.c.holderCode, typeCode: row.c.typeCode, purpose: "objectionFiled" }, now);
    return { id: objection!.id, dueOn };
  });
}
