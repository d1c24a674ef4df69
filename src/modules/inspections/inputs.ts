import { z } from "zod";
import { msg } from "@/lib/message";
import { hasForbiddenCharacter } from "@/lib/text";
import type { riskClasses } from "../risk/model";
import { inspectionOutcomes, maxWeight, needsFindings, planScopes } from "./model";

/** An empty choice of a form (a select left on its placeholder) is no choice. */
const chosen = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema);

const text = (min: number, max: number, message: string, multiLine = false) =>
  z
    .string()
    .trim()
    .min(min, message)
    .max(max, message)
    .refine((v) => !hasForbiddenCharacter(v, { singleLine: !multiLine }), msg("errors.controlCharacter"));

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("inspections.errors.date"))
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), msg("inspections.errors.date"));

/** A whole number typed in a form field (a string) or given as a number. */
const whole = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );

const weight = whole(1, maxWeight, msg("inspections.errors.weight"));

/**
 * The data office creates (and publishes) a plan: which department inspects, whom (every
 * registered enterprise, or those licensed by one service), how many are drawn, the class weights
 * (worse classes heavier), how many inspectors per entity, the period.
 */
export const ZCreatePlanInput = z
  .object({
    title: text(4, 100, msg("inspections.errors.title")),
    departmentId: chosen(z.uuid({ error: msg("inspections.errors.department") })),
    scope: chosen(z.enum(planScopes, { error: msg("inspections.errors.scope") })),
    serviceId: chosen(z.uuid({ error: msg("inspections.errors.service") }).optional()),
    /** Only enterprises registered in this division (6 digits, GB/T 2260); empty: the whole province. */
    divisionCode: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z
        .string()
        .trim()
        .regex(/^\d{6}$/, msg("inspections.errors.division"))
        .optional(),
    ),
    sampleSize: whole(1, 500, msg("inspections.errors.sampleSize")),
    inspectorsPerEntity: whole(1, 5, msg("inspections.errors.inspectorsPerEntity")),
    weightA: weight,
    weightB: weight,
    weightC: weight,
    weightD: weight,
    periodFrom: day,
    periodUntil: day,
  })
  .refine((v) => v.scope !== "service" || v.serviceId !== undefined, { message: msg("inspections.errors.service"), path: ["serviceId"] })
  .refine((v) => v.periodUntil >= v.periodFrom, { message: msg("inspections.errors.period"), path: ["periodUntil"] });
export type CreatePlanFormInput = z.input<typeof ZCreatePlanInput>;
export type CreatePlanInput = z.output<typeof ZCreatePlanInput>;

export const weightFields = { A: "weightA", B: "weightB", C: "weightC", D: "weightD" } as const satisfies Record<(typeof riskClasses)[number], string>;

/** The data office draws a published plan (compare-and-set on its version). */
export const ZDrawPlanInput = z.object({ planId: z.uuid(), version: z.number().int().positive() });
export type DrawPlanInput = z.input<typeof ZDrawPlanInput>;

/** A plan by id (the public pages and the open JSON). */
export const ZPlanRef = z.object({ planId: z.uuid({ error: msg("inspections.errors.plan") }) });

/** A drawn inspector records the result of inspecting a drawn entity. */
export const ZRecordResultInput = z
  .object({
    planId: z.uuid(),
    entityCode: z.string().trim().min(18).max(18),
    outcome: chosen(z.enum(inspectionOutcomes, { error: msg("inspections.errors.outcome") })),
    findings: z
      .string()
      .trim()
      .max(2000, msg("inspections.errors.findings"))
      .refine((v) => !hasForbiddenCharacter(v, { singleLine: false }), msg("errors.controlCharacter")),
    inspectedOn: day,
  })
  .refine((v) => !needsFindings(v.outcome) || v.findings.length >= 4, { message: msg("inspections.errors.findings"), path: ["findings"] });
export type RecordResultFormInput = z.input<typeof ZRecordResultInput>;
