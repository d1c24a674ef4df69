import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { newCatalogVersion } from "./catalog-version";
import type { ZCreateServiceInput } from "./inputs";
import { serviceRuleProblems, type CatalogAuditAction } from "./model";
import { departmentIds, knownCertificateTypes, refuseFields, ruleRefusals, type FieldRefusal } from "./refusals";
import { services } from "./schema";

/**
 * The data office creates a service. The rules are the province file's (`serviceRuleProblems`: a
 * legal basis, the promise within the statute), and its department and the certificate type it
 * issues must exist; a code in use is refused on `code`. Every refusal comes back at once, on its
 * field, and nothing is written. The row, a new catalog version and the audit event are one
 * transaction. A new service is only listed in the guides once `published`.
 */
export async function createService(db: Db, actor: Actor, input: z.output<typeof ZCreateServiceInput>, now: Date = new Date()) {
  const early = ruleRefusals(serviceRuleProblems(input));
  if (early.length) refuseFields(early);
  return db.transaction(async (tx) => {
    const refusals: FieldRefusal[] = [];
    const departmentId = (await departmentIds(tx, [input.departmentCode])).get(input.departmentCode);
    if (!departmentId) refusals.push({ field: "departmentCode", message: "catalog.errors.unknownDepartment" });
    if (input.issuesCertificateType && !(await knownCertificateTypes(tx, [input.issuesCertificateType])).has(input.issuesCertificateType))
      refusals.push({ field: "issuesCertificateType", message: "catalog.errors.unknownCertificateType" });
    if (refusals.length || !departmentId) refuseFields(refusals);
    const { code, departmentCode: _departmentCode, ...values } = input;
    // Insert-or-nothing on the unique code: two offices creating one code at once get one row and one refusal.
    const [row] = await tx
      .insert(services)
      .values({ code, ...values, departmentId, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: services.code })
      .returning({ id: services.id, code: services.code });
    if (!row) refuseFields([{ field: "code", message: "catalog.errors.codeTaken" }]);
    const catalogVersion = await newCatalogVersion(tx, { reason: "catalog.createService", subject: code, actorUserId: actor.userId, now });
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "catalog.createService",
      entityType: "service",
      entityId: row.id,
      data: { ...input, catalogVersion },
      at: now,
    });
    return { code: row.code, catalogVersion };
  });
}
