import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import type { AnswerShape, MaterialCommitment } from "../catalog/model";
import { loadDivisionTable } from "../divisions/load-divisions";
import type { Actor } from "../identity/model";
import { citizens } from "../identity/schema";
import { businessScopeItems, entityTypes, industries, reservationDays } from "./model";
import { nameDivisionName } from "./names";
import { premisesProofKey, startBusinessBundle } from "./submit-start-business";

const hebei = "130000";

/** The form's choices whose labels the catalog defines (one definition: the case pages show the same words). */
export const catalogAnswerKeys = ["entityType", "sealTypes", "invoiceTypes", "housingFundRate"] as const;
type CatalogAnswerKey = (typeof catalogAnswerKeys)[number];

/**
 * How the catalog's start-a-business materials answer the form's choices (options, units), for the
 * form to label each choice with `formatAnswer`. Null for a key when the bundle is not published.
 */
async function catalogAnswers(db: Db): Promise<{ answers: Record<CatalogAnswerKey, AnswerShape | null>; addressCommitment: MaterialCommitment | null }> {
  const plan = await loadApplicationPlan(db, { kind: "bundle", code: startBusinessBundle }).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "notFound") return null;
    throw error;
  });
  const shape = (key: CatalogAnswerKey): AnswerShape | null => {
    const m = plan?.materials.find((x) => x.key === key);
    return m ? { fieldType: m.fieldType, options: m.options, unit: m.unit } : null;
  };
  return {
    answers: { entityType: shape("entityType"), sealTypes: shape("sealTypes"), invoiceTypes: shape("invoiceTypes"), housingFundRate: shape("housingFundRate") },
    // 住所申报承诺 is the catalog's commitment on the premises proof: its notice is the one the founder accepts.
    addressCommitment: plan?.materials.find((m) => m.key === premisesProofKey)?.commitment ?? null,
  };
}

/** What the start-a-business form offers: name divisions, Hebei's cities with their counties, industries, entity types with their forms, scope items. */
export async function startBusinessOptions(db: Db) {
  const table = [...(await loadDivisionTable(db)).values()];
  const catalog = await catalogAnswers(db);
  const cities = table.filter((d) => d.parentCode === hebei).sort((a, b) => a.code.localeCompare(b.code));
  const province = table.filter((d) => d.code === hebei);
  return {
    nameDivisions: [...province, ...cities].map((d) => ({ code: d.code, nameInName: nameDivisionName(d.nameZh), nameZh: d.nameZh, nameEn: d.nameEn })),
    cities: cities.map((c) => ({
      code: c.code,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      counties: table
        .filter((k) => k.parentCode === c.code)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((k) => ({ code: k.code, nameZh: k.nameZh })),
    })),
    industries,
    entityTypes: Object.entries(entityTypes).map(([value, t]) => ({ value, labelZh: t.labelZh, labelEn: t.labelEn, forms: [...t.forms] })),
    scopeItems: businessScopeItems,
    reservationDays,
    answers: catalog.answers,
    addressCommitment: catalog.addressCommitment,
  };
}

/** The founder's own name and ID number, filled in as legal representative and first shareholder. */
export async function founderParticulars(db: Db, actor: Actor) {
  const [row] = await db.select({ name: citizens.name, idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, actor.userId));
  return row ?? null;
}
