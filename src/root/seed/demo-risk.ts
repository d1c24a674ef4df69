import { eq } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { addMonths } from "@/modules/credit/model";
import { recordCredit } from "@/modules/credit/record-credit";
import { departments, entities } from "@/modules/identity/schema";
import { recomputeRisk } from "@/modules/risk/recompute-risk";
import type { Db } from "@/server/db/client";
import { demoListedEnterprise } from "./demo-credit";

/**
 * The demo's risk signals and classes: the made-up listed enterprise is registered, with the
 * trading company's legal representative as its own (so the trading company shows the signal
 * "its legal representative also represents an enterprise on a dishonesty list"), and has two
 * broken commitments (the signal of repeated broken commitments); then the signals and this
 * month's classes are computed, so every demo enterprise has a class. Idempotent.
 */
export async function seedDemoRisk(db: Db, tradingCompany: { legalRepresentative: { name: string; idNumber: string } }, now: Date = new Date()): Promise<void> {
  const today = shanghaiDate(now);
  await db
    .insert(entities)
    .values({
      creditCode: demoListedEnterprise.creditCode,
      name: demoListedEnterprise.name,
      legalRepresentative: tradingCompany.legalRepresentative.name,
      legalRepresentativeIdNumber: tradingCompany.legalRepresentative.idNumber,
      contactName: tradingCompany.legalRepresentative.name,
      contactPhone: "",
    })
    .onConflictDoNothing();
  const [market] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, "market"));
  if (!market) return;
  for (const [i, months] of [
    [1, -14],
    [2, -4],
  ] as const) {
    const decidedOn = addMonths(today, months);
    await recordCredit(
      db,
      {
        kind: "brokenCommitment",
        subjectCode: demoListedEnterprise.creditCode,
        subjectName: demoListedEnterprise.name,
        departmentId: market.id,
        title: "告知承诺核查不实",
        content: "以告知承诺方式取得许可，事后核查发现承诺的经营场所与实际不符。",
        documentNumber: `冀市监诺〔${decidedOn.slice(0, 4)}〕00${i}号`,
        legalBasis: "《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）",
        decidedOn,
        sourceKey: `demo:broken-commitment-${i}`,
      },
      now,
    );
  }
  await recomputeRisk(db, null, now);
}
