import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { ruleMessage } from "./inputs";
import type { CatalogRuleProblem } from "./model";
import { certificateTypes } from "./schema";

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
