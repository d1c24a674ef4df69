import { inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import { services } from "../catalog/schema";
import { licenceFacts } from "../sharing/licence-facts";
import { recordCredit } from "./record-credit";

/**
 * An approved application's licences become administrative-licence records (行政许可信息, the credit
 * half of 双公示): one per certificate issued, from the department of the step that issues its
 * type, on that service's legal basis, valid as the certificate is. Run in the deciding transaction
 * (the `review.applicationApproved` effect, wired at the root); written once per licence number.
 */
export async function recordLicencesOnApproval(
  tx: Db,
  app: ApplicationRow,
  issued: ReadonlyArray<{ typeCode: string; number: string }>,
  holder: { code: string; name: string },
  now: Date,
): Promise<void> {
  if (issued.length === 0) return;
  const facts = await licenceFacts(
    tx,
    issued.map((c) => c.number),
  );
  const serviceIds = [...new Set(app.plan.map((s) => s.serviceId))];
  const byId = new Map(
    (await tx.select({ id: services.id, legalBasis: services.legalBasis }).from(services).where(inArray(services.id, serviceIds))).map((s) => [
      s.id,
      s.legalBasis,
    ]),
  );
  for (const c of issued) {
    const step = app.plan.find((s) => s.issuesCertificateType === c.typeCode);
    const fact = facts.get(c.number);
    if (!step || !fact) continue;
    await recordCredit(
      tx,
      {
        kind: "administrativeLicence",
        subjectCode: holder.code,
        subjectName: holder.name,
        departmentId: step.departmentId,
        title: step.serviceNameZh,
        content: `准予行政许可：${step.serviceNameZh}（${app.trackingNumber ?? ""}）`,
        documentNumber: c.number,
        legalBasis: byId.get(step.serviceId) ?? "",
        decidedOn: fact.issuedOn,
        validFrom: fact.issuedOn,
        validUntil: fact.validUntil,
        sourceKey: `licence:${c.number}`,
        sourceApplicationId: app.id,
      },
      now,
    );
  }
}
