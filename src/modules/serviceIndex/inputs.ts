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
