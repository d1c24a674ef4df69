import { eq, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { msg } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { ruleMessage } from "./inputs";
import { competenceProblems, type CatalogRuleProblem, type ServiceCompetence } from "./model";
import { certificateTypes, materials } from "./schema";

/** One refusal on one field of a data office form: a message key (see `msg`). */
export interface FieldRefusal {
  field: string;
  message: string;
}

/**
 * Every refusal of one edit at once, as a ZodError: the tRPC error formatter puts each on its
 * field (a 400), as it does for the input's own schema, so the form shows them all in one pass.
 * Thrown before anything is written, or inside the transaction, which it rolls back.
 */
export function refuseFields(refusals: readonly FieldRefusal[]): never {
  // ZodRealError: zod 4's ZodError is not an Error, and tRPC would drop its issues (check-materials.ts).
  throw new z.ZodRealError(refusals.map((r) => ({ code: "custom" as const, path: r.field.split("."), message: r.message, input: undefined })));
}

export function ruleRefusals(problems: readonly CatalogRuleProblem[], fieldOf: (p: CatalogRuleProblem) => string = (p) => p.field): FieldRefusal[] {
  return problems.map((p) => ({ field: fieldOf(p), message: ruleMessage(p) }));
}

/** The ids of departments by code; a code missing from the map is unknown. */
export async function departmentIds(tx: Db, codes: ReadonlyArray<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (!wanted.length) return new Map();
  const rows = await tx.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.code, wanted));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The certificate type codes among `codes` the catalog knows. */
export async function knownCertificateTypes(tx: Db, codes: ReadonlyArray<string | null | undefined>): Promise<Set<string>> {
  const wanted = [...new Set(codes.filter((c): c is string => Boolean(c)))];
  if (!wanted.length) return new Set();
  const rows = await tx.select({ code: certificateTypes.code }).from(certificateTypes).where(inArray(certificateTypes.code, wanted));
  return new Set(rows.map((r) => r.code));
}

/**
 * The refusals of a competence rule for a service (管辖层级): no city or county body carries out
 * its department's function at the levels the rule allows (the message names the department), or
 * a location or amount key that is not a fitting form field of the service.
 */
export async function competenceRefusals(tx: Db, rule: ServiceCompetence, serviceId: string, departmentId: string): Promise<FieldRefusal[]> {
  const [department] = await tx.select().from(departments).where(eq(departments.id, departmentId));
  if (!department) return [{ field: "departmentCode", message: "catalog.errors.unknownDepartment" }];
  const bodies = await tx
    .select({ level: departments.level, functionCode: departments.functionCode })
    .from(departments)
    .where(isNotNull(departments.functionCode));
  const asked = await tx
    .select({ key: materials.key, source: materials.source, fieldType: materials.fieldType })
    .from(materials)
    .where(eq(materials.serviceId, serviceId));
  return competenceProblems(rule, department.code, bodies, asked).map((p) => ({
    field: p.field,
    message:
      p.problem === "competenceNoBody"
        ? msg("catalog.errors.competenceNoBody", { department: department.nameZh, departmentEn: department.nameEn })
        : msg(`catalog.errors.${p.problem}`, { key: p.key }),
  }));
}
