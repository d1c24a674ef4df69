import { z } from "zod";
import { msg } from "@/lib/message";
import { regionCodes } from "@/lib/regions";
import { hasForbiddenCharacter } from "@/lib/text";
import { foreignTypeCodePattern } from "./model";

/** An empty choice of a form (a select left on its placeholder, an empty date) is no choice. */
const chosen = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema);

const text = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .min(min, message)
    .max(max, message)
    .refine((v) => !hasForbiddenCharacter(v, { singleLine: true }), msg("errors.controlCharacter"));

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("recognition.errors.date"))
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), msg("recognition.errors.date"));

const code = (message: string) => text(1, 64, message).pipe(z.string().regex(foreignTypeCodePattern, message));

/**
 * A matrix entry as the data office adds it (and as the exchange reads it): this region's service,
 * the other region, the other region's certificate type (code and names as that region publishes
 * them), this region's certificate type it stands for, the legal basis, the validity.
 */
export const ZAddRecognitionInput = z
  .object({
    serviceCode: chosen(code(msg("recognition.errors.service"))),
    foreignRegion: chosen(z.enum(regionCodes, { error: msg("recognition.errors.region") })),
    foreignTypeCode: code(msg("recognition.errors.foreignTypeCode")),
    foreignTypeNameZh: text(2, 100, msg("recognition.errors.foreignTypeName")),
    foreignTypeNameEn: text(2, 200, msg("recognition.errors.foreignTypeName")),
    localTypeCode: chosen(code(msg("recognition.errors.localType"))),
    legalBasis: text(4, 500, msg("recognition.errors.legalBasis")),
    validFrom: day,
    validUntil: chosen(day.optional()),
  })
  .refine((v) => v.validUntil === undefined || v.validUntil >= v.validFrom, { message: msg("recognition.errors.validity"), path: ["validUntil"] });
export type AddRecognitionFormInput = z.input<typeof ZAddRecognitionInput>;
export type AddRecognitionInput = z.output<typeof ZAddRecognitionInput>;

/** The data office ends an entry (compare-and-set on its version). */
export const ZEndRecognitionInput = z.object({ id: z.uuid(), version: z.number().int().positive() });
export type EndRecognitionInput = z.input<typeof ZEndRecognitionInput>;

/**
 * An entry of a province file's `recognition` list: the same facts as the form, with the service
 * and the local type by code. Checked across the file in `src/root/catalog-file.ts`.
 */
export const ZFileRecognition = z.strictObject({
  service: z.string().trim().min(1).max(64),
  region: z.enum(regionCodes),
  foreignType: z.string().trim().regex(foreignTypeCodePattern),
  foreignTypeNameZh: z.string().trim().min(2).max(100),
  foreignTypeNameEn: z.string().trim().min(2).max(200),
  localType: z.string().trim().min(1).max(64),
  legalBasis: z.string().trim().min(4).max(500),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  validUntil: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
});
export type FileRecognition = z.output<typeof ZFileRecognition>;
