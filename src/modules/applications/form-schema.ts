import { z } from "zod";
import { msg } from "@/lib/message";
import type { PlanMaterial } from "../catalog/plan";

/**
 * The zod schema of an application's form data, derived from the catalog: one entry per distinct
 * form-field material, so data several services need is asked once. Shared by the form (React Hook
 * Form) and the server.
 */
export function formDataSchema(materials: readonly PlanMaterial[]) {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const m of materials) {
    if (m.source !== "formField") continue;
    let field: z.ZodType<string, string>;
    switch (m.fieldType) {
      case "number":
        field = z
          .string()
          .trim()
          .regex(/^\d+(\.\d{1,2})?$/, msg("validation.form.number"));
        break;
      case "date":
        field = z
          .string()
          .trim()
          .regex(/^\d{4}-\d{2}-\d{2}$/, msg("validation.form.date"))
          .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), msg("validation.form.date"));
        break;
      case "select": {
        const values = (m.options ?? []).map((o) => o.value);
        field = z.string().refine((v) => values.includes(v), msg("validation.form.select"));
        break;
      }
      case "textarea":
        field = z
          .string()
          .trim()
          .max(2000, msg("validation.form.tooLong", { max: 2000 }));
        break;
      default:
        field = z
          .string()
          .trim()
          .max(200, msg("validation.form.tooLong", { max: 200 }));
    }
    shape[m.key] = m.required
      ? z
          .string({ error: msg("validation.required") })
          .trim()
          .min(1, msg("validation.required"))
          .pipe(field)
      : z
          .string()
          .trim()
          .optional()
          .transform((v) => (v === "" ? undefined : v))
          .pipe(field.optional());
  }
  return z.object(shape);
}
