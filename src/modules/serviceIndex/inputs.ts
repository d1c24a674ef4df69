import { z } from "zod";
import { unitKinds } from "./compute-inputs";
import { monthPattern } from "./periods";

/** A request for published index values: a period (`YYYY-MM` or `last30`), a kind of unit, optionally one unit. */
export const ZIndexQuery = z.object({
  period: z
    .string()
    .trim()
    .max(10)
    .refine((p) => p === "last30" || monthPattern.test(p), "period: a month as YYYY-MM (2026-11) or last30")
    .default("last30"),
  kind: z.enum(unitKinds, "kind: department, service or city").default("department"),
  unit: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "unit: a department, service or division code")
    .optional(),
});
export type IndexQuery = z.output<typeof ZIndexQuery>;

/** A unit's code: a department, service or division code as the catalog and the organisation spell them. */
const unitCode = z
  .string()
  .trim()
  .min(1, "code: a department, service or division code")
  .max(64, "code: a department, service or division code")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "code: a department, service or division code");

/** One unit: its kind and code (the unit page's path, `/service-index/department/market`). */
export const ZUnitRef = z.object({ kind: z.enum(unitKinds, "kind: department, service or city"), code: unitCode });
export type UnitRef = z.output<typeof ZUnitRef>;

/** The open history's query: `unit=kind:code`, e.g. `unit=department:market`. */
export const ZHistoryQuery = z.object({
  unit: z
    .string("unit: kind:code, e.g. department:market")
    .trim()
    .max(80, "unit: kind:code, e.g. department:market")
    .regex(/^[a-z]+:[^:]+$/, "unit: kind:code, e.g. department:market")
    .transform((s) => {
      const [kind, code] = s.split(":");
      return { kind, code };
    })
    .pipe(ZUnitRef),
});
