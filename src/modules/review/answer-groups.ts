import type { PlanMaterial, PlanStep } from "../catalog/plan";
import { formatAnswerBoth } from "../catalog/model";

// What a reviewer decides on: the application's answers, grouped and labelled in both languages,
// each marked when the reader's own step needs it (the catalog's per-service material list).

/** A text in both languages: views cross to either reader. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** One answer: its label and its value as people read it (a label, never a code; units; dates). */
export interface AnswerRow {
  key: string;
  label: Bilingual;
  /** Null: not answered. */
  value: Bilingual | null;
  /** The reader's own step asks for it. */
  forStep: boolean;
  /** A number read character by character (an ID number, a code, an account): set in monospace. */
  mono?: boolean;
}

/** A repeated group (the shareholders): one row per item, the same columns for each. */
export interface AnswerTable {
  columns: Array<{ key: string; label: Bilingual; mono?: boolean }>;
  rows: Array<Record<string, Bilingual | null>>;
}

/**
 * A group of answers as the form groups them (the company, the shareholders, the legal
 * representative, the commitments), or, for a form the portal knows only from the catalog, as
 * the services ask for them.
 */
export interface AnswerGroup {
  key: string;
  title: Bilingual;
  /** The reader's own step needs something in it: such groups come first. */
  forStep: boolean;
  rows: AnswerRow[];
  table: AnswerTable | null;
}

/** What a source of answers gets to group an application's answers for one reader. */
export interface AnswerSourceInput {
  applicationId: string;
  plan: readonly PlanStep[];
  formData: Readonly<Record<string, string>>;
  /** The catalog's materials of the application (its form definition: labels, options, units). */
  materials: readonly PlanMaterial[];
  /** The reader's steps on this case (their department's tasks). */
  readerStepKeys: ReadonlySet<string>;
}

/** The services of the reader's steps: what the catalog says those steps ask for. */
export function readerServiceCodes(input: Pick<AnswerSourceInput, "plan" | "readerStepKeys">): Set<string> {
  return new Set(input.plan.filter((s) => input.readerStepKeys.has(s.key)).map((s) => s.serviceCode));
}

/** The catalog's form field `key` as a row: labelled by the material's name, the value by `formatAnswer`. */
export function catalogRow(input: AnswerSourceInput, key: string, services = readerServiceCodes(input)): AnswerRow | null {
  const m = input.materials.find((x) => x.key === key && x.source === "formField");
  if (!m) return null;
  return { key, label: { zh: m.nameZh, en: m.nameEn }, value: formatAnswerBoth(m, input.formData[key]), forStep: m.serviceCodes.some((c) => services.has(c)) };
}

/** Groups that hold something the reader's step needs first; otherwise in the form's order. */
export function stepFirst(groups: readonly AnswerGroup[]): AnswerGroup[] {
  return [...groups.filter((g) => g.forStep), ...groups.filter((g) => !g.forStep)];
}

/**
 * The answers of an application whose form the portal knows only from the catalog: one group per
 * step, the reader's own first, each form field under the first step that asks for it (the
 * reader's, when theirs asks too), so every answer appears once.
 */
export function catalogAnswerGroups(input: AnswerSourceInput): AnswerGroup[] {
  const services = readerServiceCodes(input);
  const steps = [...input.plan.filter((s) => input.readerStepKeys.has(s.key)), ...input.plan.filter((s) => !input.readerStepKeys.has(s.key))];
  const shown = new Set<string>();
  const groups: AnswerGroup[] = [];
  for (const step of steps) {
    const own = input.readerStepKeys.has(step.key);
    const rows = input.materials.flatMap((m) => {
      if (m.source !== "formField" || shown.has(m.key) || !m.serviceCodes.includes(step.serviceCode)) return [];
      const row = catalogRow(input, m.key, services);
      if (!row) return [];
      shown.add(m.key);
      return [{ ...row, forStep: own }];
    });
    if (rows.length) groups.push({ key: `step.${step.key}`, title: { zh: step.serviceNameZh, en: step.serviceNameEn }, forStep: own, rows, table: null });
  }
  return groups;
}
