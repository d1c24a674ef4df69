import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { shanghaiDate } from "@/lib/dates";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { canonicalFieldValue } from "../catalog/model";
import { certificateTypes } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { ZDecideDataObjectionInput } from "./inputs";
import { isAnsweredLate, nextDataObjectionStatus, type DataObjectionAuditAction } from "./model";
import { logObjectionStep } from "./objection-log";
import { reissueCertificate } from "./registry";
import { certificates } from "./registry-schema";
import { dataObjections } from "./schema";

/** The registry facts a correction may change (the others are the registry's own: number, dates, codes). */
const correctableFacts = ["legalRepresentative", "legalRepresentativeIdNumber"] as const;

/**
 * The issuing department decides an objection to its data: `correct` issues a new version of the
 * certificate with the field set right, signed by the department, and revokes the old one as
 * superseded (kept, pointing to the new number); `answer` keeps the data and says why. Either
 * closes the objection (the table decides), by compare-and-set with its audit event; an answer
 * after the due day is recorded as late. Only a reviewer of the issuing department decides.
 */
export async function decideDataObjection(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZDecideDataObjectionInput>,
  now: Date = new Date(),
): Promise<{ id: string; status: string; correctedNumber: string | null; late: boolean }> {
  const input = ZDecideDataObjectionInput.parse(raw);
  return db.transaction(async (tx) => {
    const [objection] = await tx.select().from(dataObjections).where(eq(dataObjections.id, input.objectionId)).for("update");
    if (!objection || actor.role !== "reviewer" || actor.departmentId !== objection.sourceDepartmentId) throw new DomainError("notFound", "errors.notFound");
    if (objection.version !== input.version) throw new DomainError("conflict", "errors.staleVersion");
    const to = nextDataObjectionStatus(objection.status, input.decision);
    const answeredOn = shanghaiDate(now);
    const late = isAnsweredLate(objection.dueOn, answeredOn, answeredOn);

    let corrected: { id: string; number: string } | null = null;
    if (input.decision === "correct") {
      const [row] = await tx
        .select({ c: certificates, typeFields: certificateTypes.fields })
        .from(certificates)
        .innerJoin(certificateTypes, eq(certificateTypes.code, certificates.typeCode))
        .where(eq(certificates.id, objection.certificateId))
        .for("update", { of: certificates });
      // Superseded or revoked since the objection: the data it objected to is no longer shared.
      if (!row || row.c.status !== "valid") throw new DomainError("conflict", "sharing.objections.errors.notValid", { field: "objectionId" });
      const field = row.typeFields.find((f) => f.key === objection.fieldKey);
      if (!field) throw new DomainError("invalidInput", "sharing.objections.errors.fieldUnknown", { field: "value" });
      const canonical = canonicalFieldValue(field, input.value);
      if (!("value" in canonical)) throw new DomainError("invalidInput", "sharing.objections.errors.valueInvalid", { field: "value" });
      const change: { answers?: Record<string, string>; facts?: Record<string, string>; holderName?: string } = {};
      if ("answer" in field.source) change.answers = { [field.source.answer]: canonical.value };
      else if (field.source.registry === "holderName") change.holderName = canonical.value;
      else if ((correctableFacts as readonly string[]).includes(field.source.registry)) change.facts = { [field.source.registry]: canonical.value };
      else throw new DomainError("invalidInput", "sharing.objections.errors.notCorrectable", { field: "value" });
      if (row.c.fields[field.key] === canonical.value) throw new DomainError("invalidInput", "sharing.objections.errors.unchanged", { field: "value" });
      corrected = await reissueCertificate(tx, row.c, [row.c], {
        typeCode: row.c.typeCode,
        holderCode: row.c.holderCode,
        ...change,
        sourceApplicationId: null,
        streamId: objection.id,
        // A correction does not renew the certificate: same issue day, same validity.
        issuedOn: row.c.issuedOn,
        reason: `更正：经数据异议核实更正“${field.nameZh}”（corrected after an objection to ${field.nameEn}）`,
        actor,
        now,
      });
    }

    const [updated] = await tx
      .update(dataObjections)
      .set({
        status: to,
        answer: input.answer,
        correctedCertificateId: corrected?.id ?? null,
        answeredBy: actor.userId,
        answeredAt: now,
        answeredOn,
        version: objection.version + 1,
      })
      .where(and(eq(dataObjections.id, objection.id), eq(dataObjections.status, objection.status), eq(dataObjections.version, objection.version)))
      .returning();
    if (!updated) throw new DomainError("conflict", "errors.staleVersion");
    await recordAudit<DataObjectionAuditAction>(tx, {
      streamId: objection.id,
      actor: { userId: actor.userId, role: actor.role },
      action: `dataObjection.${input.decision}`,
      entityType: "dataObjection",
      entityId: objection.id,
      from: objection.status,
      to,
      data: { number: objection.certificateNumber, field: objection.fieldKey, correctedNumber: corrected?.number ?? null, dueOn: objection.dueOn, late },
      at: now,
    });
    await logObjectionStep(
      tx,
      actor,
      { holderCode: objection.holderCode, typeCode: objection.typeCode, purpose: input.decision === "correct" ? "objectionCorrected" : "objectionAnswered" },
      now,
    );
    return { id: updated.id, status: updated.status, correctedNumber: corrected?.number ?? null, late };
  });
}
