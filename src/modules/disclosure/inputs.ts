import { z } from "zod";
import { msg } from "@/lib/message";
import { hasForbiddenCharacter } from "@/lib/text";
import { validateCreditCode } from "../identity/credit-code";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("disclosure.errors.date"))
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), msg("disclosure.errors.date"));

/** Empty strings of a search form mean "any". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** The public search of published decisions (/disclosure and the open-data files). */
export const ZDisclosureSearch = z
  .object({
    /** Part of the counterpart's name. */
    q: optional(
      z
        .string()
        .trim()
        .max(100, msg("disclosure.errors.query"))
        .refine((v) => !hasForbiddenCharacter(v, { singleLine: true }), msg("errors.controlCharacter")),
    ),
    /** A unified social credit code, exactly. */
    code: optional(
      z
        .string()
        .trim()
        .max(40, msg("disclosure.errors.code"))
        .transform((c) => c.toUpperCase())
        .refine((c) => validateCreditCode(c).valid, msg("disclosure.errors.code")),
    ),
    /** A department's code. */
    department: optional(
      z
        .string()
        .trim()
        .max(64, msg("disclosure.errors.department"))
        .regex(/^[A-Za-z][A-Za-z0-9.-]*$/, msg("disclosure.errors.department")),
    ),
    from: optional(day),
    to: optional(day),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: msg("disclosure.errors.range"), path: ["to"] });
export type DisclosureSearch = z.output<typeof ZDisclosureSearch>;
