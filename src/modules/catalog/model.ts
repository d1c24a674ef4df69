// The catalog's rules, pure: the step graph of a bundle (不得互为前置), time limits, and how the
// materials of several services become one list. Imports nothing from Next, tRPC or Drizzle.

/** A step of a bundle as the graph rules see it: `needs` are the keys of steps approved first. */
export interface GraphStep {
  key: string;
  needs: readonly string[];
}

export type GraphProblem =
  | { kind: "duplicateKey"; key: string }
  | { kind: "unknownNeed"; key: string; need: string }
  | { kind: "selfNeed"; key: string }
  | { kind: "cycle"; path: string[] };

/** A cycle as people read it: `a → b → a` (a needs b, b needs a). */
export function formatCycle(path: readonly string[]): string {
  return path.join(" → ");
}

/** One problem in plain English, for logs and the seed's refusal. */
export function describeProblem(p: GraphProblem): string {
  switch (p.kind) {
    case "duplicateKey":
      return `step key "${p.key}" is used twice`;
    case "unknownNeed":
      return `step "${p.key}" needs "${p.need}", which is not a step of the bundle`;
    case "selfNeed":
      return `step "${p.key}" needs itself`;
    case "cycle":
      return `steps need each other in a cycle: ${formatCycle(p.path)}`;
  }
}

/**
 * Departments may not make each other prerequisites (不得互为前置): a bundle's steps must form a
 * directed acyclic graph. Returns every problem found, in a stable order (duplicates, self-needs
 * and unknown needs first, then cycles, each named by its keys); empty when the graph is sound.
 */
export function validateBundleGraph(steps: readonly GraphStep[]): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const keys = new Set<string>();
  for (const s of steps) {
    if (keys.has(s.key)) problems.push({ kind: "duplicateKey", key: s.key });
    keys.add(s.key);
  }
  for (const s of steps) {
    for (const n of new Set(s.needs)) {
      if (n === s.key) problems.push({ kind: "selfNeed", key: s.key });
      else if (!keys.has(n)) problems.push({ kind: "unknownNeed", key: s.key, need: n });
    }
  }
  // Depth-first search with colours: meeting a step that is still on the path (grey) closes a
  // cycle. Every cycle of the graph contains such a back edge, so an acyclic answer is exact.
  const needsOf = new Map<string, string[]>();
  for (const s of steps)
    if (!needsOf.has(s.key))
      needsOf.set(
        s.key,
        [...new Set(s.needs)].filter((n) => n !== s.key && keys.has(n)),
      );
  const colour = new Map<string, "grey" | "black">();
  const path: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    colour.set(key, "grey");
    path.push(key);
    for (const n of needsOf.get(key) ?? []) {
      const c = colour.get(n);
      if (c === "grey") {
        const cycle = [...path.slice(path.indexOf(n)), n];
        const id = [...new Set(cycle)].sort().join("\u0000");
        if (!seen.has(id)) {
          seen.add(id);
          problems.push({ kind: "cycle", path: cycle });
        }
      } else if (c === undefined) visit(n);
    }
    path.pop();
    colour.set(key, "black");
  };
  for (const s of steps) if (!colour.has(s.key)) visit(s.key);
  return problems;
}

/**
 * The steps in stages: stage 1 needs nothing, every later step sits one stage after the latest
 * step it needs, so the steps of one stage can run at the same time. Keys keep their input order
 * within a stage. Throws on a graph `validateBundleGraph` refuses.
 */
export function topologicalStages(steps: readonly GraphStep[]): string[][] {
  if (validateBundleGraph(steps).length > 0) throw new Error("topologicalStages: the steps do not form a directed acyclic graph");
  const stageOf = new Map<string, number>();
  const needsOf = new Map(steps.map((s) => [s.key, s.needs]));
  const stage = (key: string): number => {
    const known = stageOf.get(key);
    if (known !== undefined) return known;
    const value = 1 + Math.max(0, ...(needsOf.get(key) ?? []).map(stage));
    stageOf.set(key, value);
    return value;
  };
  const stages: string[][] = [];
  for (const s of steps) {
    const n = stage(s.key);
    while (stages.length < n) stages.push([]);
    stages[n - 1]?.push(s.key);
  }
  return stages;
}

/** The stage number (from 1) of each step; see `topologicalStages`. */
export function stageNumbers(steps: readonly GraphStep[]): Map<string, number> {
  const numbers = new Map<string, number>();
  topologicalStages(steps).forEach((keys, i) => keys.forEach((k) => numbers.set(k, i + 1)));
  return numbers;
}

/**
 * The steps that may start now: every step they need is approved, and they have not started
 * (nor been approved) yet. With no edges every step is ready at once (a pure fan-out).
 */
export function readySteps(steps: readonly GraphStep[], approvedKeys: ReadonlySet<string>, startedKeys: ReadonlySet<string>): string[] {
  return steps.filter((s) => !startedKeys.has(s.key) && !approvedKeys.has(s.key) && s.needs.every((n) => approvedKeys.has(n))).map((s) => s.key);
}

/**
 * How long a bundle takes when its steps run in parallel: the longest chain of `days` through
 * the graph (the critical path), not the sum. Throws on a graph `validateBundleGraph` refuses.
 */
export function criticalPathDays(steps: ReadonlyArray<GraphStep & { days: number }>): number {
  const stages = topologicalStages(steps);
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const finish = new Map<string, number>();
  for (const keys of stages) {
    for (const key of keys) {
      const s = byKey.get(key);
      if (!s) continue;
      finish.set(key, s.days + Math.max(0, ...s.needs.map((n) => finish.get(n) ?? 0)));
    }
  }
  return Math.max(0, ...finish.values());
}

export type TimeLimitProblem = "promisedTooSmall" | "promisedAboveStatutory";

/**
 * Promised time within the statutory one (承诺时限 ≤ 法定时限), at least one working day. The
 * database checks the same (`services_promised_within_statutory`).
 */
export function validateTimeLimits(limits: { statutoryDays: number; promisedDays: number }): TimeLimitProblem | null {
  if (!Number.isInteger(limits.promisedDays) || limits.promisedDays < 1) return "promisedTooSmall";
  if (limits.promisedDays > limits.statutoryDays) return "promisedAboveStatutory";
  return null;
}

/** A material row as one service asks for it. */
export interface ServiceMaterial {
  key: string;
  legalBasis: string;
  required: boolean;
  conditionZh: string | null;
  conditionEn: string | null;
  sortOrder: number;
  serviceCode: string;
  /** The situations (办理情形) this service asks it in; null: always. */
  appliesWhen?: AppliesWhen | null;
  /** 告知承诺: a commitment may replace it for this service (see `MaterialCommitment`). */
  commitment?: MaterialCommitment | null;
}

function joinDistinct(values: ReadonlyArray<string | null>, separator: string): string | null {
  const distinct = [...new Set(values.filter((v): v is string => Boolean(v && v.trim())))];
  return distinct.length ? distinct.join(separator) : null;
}

/**
 * The materials of several services as one list, each `key` once: the same piece of data is
 * asked for once however many services need it (信息共享, 一次告知). Required if any service
 * requires it (then it has no condition); every service's legal basis is kept; `serviceCodes`
 * says who asks. Sorted by `sortOrder`, then by first appearance.
 */
export function mergeMaterials<M extends ServiceMaterial>(
  rows: readonly M[],
): Array<Omit<M, "serviceCode"> & { serviceCodes: string[]; appliesWhenAny: AppliesWhen[] | null }> {
  const groups = new Map<string, M[]>();
  for (const row of rows) {
    const group = groups.get(row.key);
    if (group) group.push(row);
    else groups.set(row.key, [row]);
  }
  const merged = [...groups.values()].map((group, index) => {
    const [first, ...rest] = group as [M, ...M[]];
    const required = group.some((m) => m.required);
    const { serviceCode: _serviceCode, ...base } = first;
    return {
      index,
      value: {
        ...base,
        legalBasis:
          joinDistinct(
            group.map((m) => m.legalBasis),
            "；",
          ) ?? first.legalBasis,
        required,
        conditionZh: required
          ? null
          : joinDistinct(
              group.map((m) => m.conditionZh),
              "；",
            ),
        conditionEn: required
          ? null
          : joinDistinct(
              group.map((m) => m.conditionEn),
              "; ",
            ),
        sortOrder: Math.min(first.sortOrder, ...rest.map((m) => m.sortOrder)),
        serviceCodes: [...new Set(group.map((m) => m.serviceCode))],
        // A commitment replaces it only where every service asking it allows one (the first's rule
        // and notice): a service that needs the document itself still gets it.
        commitment: group.every((m) => m.commitment) ? (first.commitment ?? null) : null,
        // Asked if any service asks it in the applicant's situation: always, if one asks it always.
        appliesWhenAny: group.some((m) => !m.appliesWhen || Object.keys(m.appliesWhen).length === 0)
          ? null
          : group.map((m) => m.appliesWhen as AppliesWhen).filter((w, i, all) => all.findIndex((x) => sameCondition(x, w)) === i),
      },
    };
  });
  merged.sort((a, b) => a.value.sortOrder - b.value.sortOrder || a.index - b.index);
  return merged.map((m) => m.value);
}

/**
 * For each step of a bundle, the certificate types that steps it needs (directly or through
 * others) issue. Such a certificate is not asked of the applicant: the earlier step issues it
 * before this one starts (information sharing, 信息共享). A parallel step's certificate is not
 * counted: it may not exist yet when this step is reviewed.
 */
export function certificatesIssuedBefore(steps: ReadonlyArray<GraphStep & { issues: string | null }>): Map<string, Set<string>> {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const result = new Map<string, Set<string>>();
  const upstream = (key: string, seen: Set<string>): void => {
    for (const n of byKey.get(key)?.needs ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      upstream(n, seen);
    }
  };
  for (const s of steps) {
    const ancestors = new Set<string>();
    upstream(s.key, ancestors);
    result.set(s.key, new Set([...ancestors].flatMap((k) => (byKey.get(k)?.issues ? [byKey.get(k)?.issues as string] : []))));
  }
  return result;
}

/** Fees are kept in fen (分); the guide shows yuan. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** Yuan as typed by the data office ("12.5", "0") to fen; null when it is not an amount. */
export function yuanToFen(yuan: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** The catalog's audit actions: the data office's edits and the import. Stored as text; renaming one needs a data migration. */
export const catalogAuditActions = [
  "catalog.updateService",
  "catalog.setBundleSteps",
  "catalog.import",
  "catalog.createCertificateType",
  "catalog.updateCertificateType",
  "catalog.createService",
  "catalog.addMaterial",
  "catalog.updateMaterial",
  "catalog.removeMaterial",
  "catalog.createBundle",
  "catalog.publishBundle",
] as const;
export type CatalogAuditAction = (typeof catalogAuditActions)[number];

// ---------------------------------------------------------------------------------------------
// Answers: stored as codes, shown as values
// ---------------------------------------------------------------------------------------------

/**
 * The units a number field of the catalog may be in. A closed list, so that every unit has its
 * words in both languages here; the database and the province file derive their enums from it.
 */
export const answerUnits = ["percent", "yuan", "tenThousandYuan", "squareMetre", "cubicMetre", "metre", "person"] as const;
export type AnswerUnit = (typeof answerUnits)[number];

/** Each unit as a reader writes it after a number; `space` says whether a space comes between. */
export const unitWords: Record<AnswerUnit, { zh: string; en: string; space: boolean }> = {
  percent: { zh: "%", en: "%", space: false },
  yuan: { zh: "元", en: "yuan", space: true },
  tenThousandYuan: { zh: "万元", en: "× 10,000 yuan", space: true },
  squareMetre: { zh: "平方米", en: "m²", space: true },
  cubicMetre: { zh: "立方米", en: "m³", space: true },
  metre: { zh: "米", en: "m", space: true },
  person: { zh: "人", en: "people", space: true },
};

/** What formatting an answer needs to know of its material (a catalog material or a plan material). */
export interface AnswerShape {
  fieldType: "text" | "textarea" | "number" | "date" | "select" | null;
  options: ReadonlyArray<{ value: string; labelZh: string; labelEn: string }> | null;
  unit?: AnswerUnit | null;
}

const plainNumber = /^\d+(\.\d{1,2})?$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An answer as the reader reads it, in their language: an option by its label (never its code), a
 * number with its unit and digit grouping, a date as a date; text as typed. The one formatter of
 * answers: case pages, task pages, notices and the start-a-business form all use it. A value the
 * catalog no longer knows (an option since removed) is shown as stored, never dropped. Null for
 * no answer.
 */
export function formatAnswer(material: AnswerShape, value: string | null | undefined, locale: string): string | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const en = locale === "en";
  const intl = en ? "en" : "zh-CN";
  switch (material.fieldType) {
    case "select": {
      const option = material.options?.find((o) => o.value === value);
      return option ? (en ? option.labelEn : option.labelZh) : value;
    }
    case "number": {
      const v = value.trim();
      const number = plainNumber.test(v) ? new Intl.NumberFormat(intl, { maximumFractionDigits: 2 }).format(Number(v)) : v;
      const unit = material.unit ? unitWords[material.unit] : null;
      if (!unit) return number;
      return `${number}${unit.space ? " " : ""}${en ? unit.en : unit.zh}`;
    }
    case "date": {
      const m = isoDate.exec(value.trim());
      if (!m) return value;
      const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      // A day that does not exist (2026-02-30) is shown as stored rather than as another day.
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== m[0]) return value;
      return new Intl.DateTimeFormat(intl, { dateStyle: "long", timeZone: "UTC" }).format(date);
    }
    default:
      return value;
  }
}

/** An answer in both languages, for views that cross to either reader. */
export function formatAnswerBoth(material: AnswerShape, value: string | null | undefined): { zh: string; en: string } | null {
  const zh = formatAnswer(material, value, "zh-CN");
  const en = formatAnswer(material, value, "en");
  return zh === null || en === null ? null : { zh, en };
}

// ---------------------------------------------------------------------------------------------
// What a certificate says: each certificate type declares its fields
// ---------------------------------------------------------------------------------------------

/**
 * What a certificate type proves about its holder, for the one type of each kind that does:
 * `entity`, the licence that proves a market entity exists (营业执照: registration issues it, a
 * claim to represent an enterprise is checked against it); `person`, the card that proves who a
 * person is (居民身份证: the population register issues it). At most one type per kind (a unique
 * index, and the province file's check). Domain code finds these types by this flag, never by
 * their catalog codes, which are the province's to choose.
 */
export const certificateIdentities = ["entity", "person"] as const;
export type CertificateIdentity = (typeof certificateIdentities)[number];

/** The kinds of value a certificate field holds; each is stored canonically and shown per locale. */
export const certificateFieldTypes = ["text", "date", "number", "money", "enum"] as const;
export type CertificateFieldType = (typeof certificateFieldTypes)[number];

/**
 * Facts the registry itself knows at issue, as opposed to answers of the application: the holder
 * (for an enterprise registered by the application, its name and new credit code), the issue date,
 * the end of validity, the certificate's number and the application's tracking number; for an
 * enterprise, its legal representative as the entity register names them.
 */
export const certificateRegistryValues = [
  "holderName",
  "holderCode",
  "creditCode",
  "legalRepresentative",
  "legalRepresentativeIdNumber",
  "issuedOn",
  "validUntil",
  "number",
  "trackingNumber",
] as const;
export type CertificateRegistryValue = (typeof certificateRegistryValues)[number];

/** An option of an enumerated field: the stored code and its labels. */
export interface CertificateFieldOption {
  value: string;
  labelZh: string;
  labelEn: string;
}

/** What fills a field: a named answer of the application's form, or a registry value. */
export type CertificateFieldSource = { answer: string } | { registry: CertificateRegistryValue };

/**
 * One field a certificate of a type carries (营业执照: 名称, 统一社会信用代码, 类型…). A certificate
 * carries exactly its type's fields, signed; `shared` fields are what the sharing layer lets other
 * departments read; a field that is not `printed` (the legal representative's ID number that binds
 * the licence to a person) is kept and signed but not shown on the printable page or /verify.
 */
export interface CertificateField {
  key: string;
  nameZh: string;
  nameEn: string;
  type: CertificateFieldType;
  /** For `number`: the unit shown after the value ("%", "立方米" / "m³"). */
  unitZh?: string;
  unitEn?: string;
  /** For `enum`: the codes and their labels. */
  options?: CertificateFieldOption[];
  source: CertificateFieldSource;
  shared: boolean;
  printed?: boolean;
}

/** The registry's facts at issue, by registry value. */
export type CertificateRegistryFacts = Partial<Record<CertificateRegistryValue, string | null>>;

export type CertificateFieldProblem = { key: string; problem: "invalidDate" | "invalidNumber" | "invalidMoney" | "unknownOption"; value: string };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** A value in its canonical stored form for the field's type, or a problem. */
export function canonicalFieldValue(field: CertificateField, raw: unknown): { value: string } | { problem: CertificateFieldProblem["problem"] } {
  const text = typeof raw === "string" ? raw.trim() : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : "";
  switch (field.type) {
    case "text":
      return { value: text };
    case "date":
      return isoDay.test(text) ? { value: text } : { problem: "invalidDate" };
    case "number": {
      // An older certificate may carry its unit in the text ("100万元"): the number is what counts.
      const unit = field.unitZh
        ? text
            .replace(field.unitZh, "")
            .replace(field.unitEn ?? "\u0000", "")
            .trim()
        : text;
      const n = Number(unit.replaceAll(",", ""));
      return unit !== "" && Number.isFinite(n) ? { value: String(n) } : { problem: "invalidNumber" };
    }
    case "money": {
      const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.replaceAll(",", "").replace(/元$/, ""));
      return m ? { value: `${m[1]}.${(m[2] ?? "").padEnd(2, "0")}` } : { problem: "invalidMoney" };
    }
    case "enum": {
      const options = field.options ?? [];
      // A code, or (on a certificate from before codes) one of its labels.
      const hit = options.find((o) => o.value === text) ?? options.find((o) => o.labelZh === text || o.labelEn === text);
      return hit ? { value: hit.value } : { problem: "unknownOption" };
    }
  }
}

/**
 * The fields of a certificate of a type: exactly the declared ones, each from its source, in its
 * canonical form. A field with no value (an optional answer left empty) is left out; a value that
 * does not fit its type is a problem (the catalog and the form disagree).
 */
export function resolveCertificateFields(
  fields: readonly CertificateField[],
  answers: Readonly<Record<string, unknown>>,
  registry: CertificateRegistryFacts,
): { values: Record<string, string>; problems: CertificateFieldProblem[] } {
  const values: Record<string, string> = {};
  const problems: CertificateFieldProblem[] = [];
  for (const f of fields) {
    const raw = "answer" in f.source ? answers[f.source.answer] : registry[f.source.registry];
    if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) continue;
    const c = canonicalFieldValue(f, raw);
    if ("value" in c) values[f.key] = c.value;
    else problems.push({ key: f.key, problem: c.problem, value: String(raw) });
  }
  return { values, problems };
}

/** The shared fields of a type: what its resource in the sharing catalog holds. */
export function sharedFieldKeys(fields: readonly CertificateField[]): string[] {
  return fields.filter((f) => f.shared).map((f) => f.key);
}

/** The fields shown on the printable certificate and the verification page, in declared order. */
export function printedFields(fields: readonly CertificateField[]): CertificateField[] {
  return fields.filter((f) => f.printed !== false);
}

const enMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A stored value as the reader sees it: an enum's label, a number with its unit ("5%"), money in
 * 元, a date as 2026年11月30日 / 30 Nov 2026. A value that does not parse is shown as stored.
 */
export function formatCertificateValue(field: CertificateField, value: string, locale: "zh-CN" | "en"): string {
  const en = locale === "en";
  switch (field.type) {
    case "text":
      return value;
    case "date": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!m) return value;
      const [, y, mo, d] = m;
      return en ? `${Number(d)} ${enMonths[Number(mo) - 1] ?? mo} ${y}` : `${y}年${Number(mo)}月${Number(d)}日`;
    }
    case "number": {
      const unit = en ? (field.unitEn ?? field.unitZh) : field.unitZh;
      if (!unit) return value;
      // "5%" and "30立方米"; in English a word unit takes a space ("30 m³"), a sign does not.
      return en && !/^[%‰°]/.test(unit) ? `${value} ${unit}` : `${value}${unit}`;
    }
    case "money": {
      const m = /^(\d+)\.(\d{2})$/.exec(value);
      if (!m) return value;
      const amount = `${groupThousands(m[1] ?? "")}.${m[2]}`;
      return en ? `CNY ${amount}` : `${amount}元`;
    }
    case "enum": {
      const o = field.options?.find((x) => x.value === value);
      return o ? (en ? o.labelEn : o.labelZh) : value;
    }
  }
}

/**
 * The fields filled by an answer that the form of no service issuing the type asks for: their
 * indexes. `formKeys` are the form-field material keys of the services that issue the type; a
 * type no service issues (a resident ID card, issued by the population register) is not checked.
 */
export function unknownAnswerFields(fields: readonly CertificateField[], formKeys: ReadonlySet<string> | null): number[] {
  if (!formKeys) return [];
  return fields.flatMap((f, i) => ("answer" in f.source && !formKeys.has(f.source.answer) ? [i] : []));
}

/**
 * A type whose fields are still the bare keys migration 0012 converted (each named by its key) is
 * not defined yet: its certificates wait for the province file (or the demo seed) to define it,
 * and an import that only adds what is missing still replaces such a definition.
 */
export function isConvertedDefinition(fields: readonly CertificateField[]): boolean {
  return fields.length === 0 || fields.every((f) => f.nameZh === f.key && f.nameEn === f.key);
}

// ---------------------------------------------------------------- the rules of an entry, shared
// The same rules hold whoever writes the catalog: the province file's import (src/root/catalog-file.ts)
// and the data office's forms (create-service.ts, save-material.ts). Each problem names the field it
// belongs to, so the import reports it at its JSON path and a form under its input.

/** A requirement without a legal basis is a needless certificate (奇葩证明): not allowed. */
export function hasLegalBasis(text: string | null | undefined): boolean {
  return Boolean(text && text.trim());
}

export type CatalogRuleProblem =
  | { field: "legalBasis"; problem: "noLegalBasis" }
  | { field: "promisedDays"; problem: TimeLimitProblem }
  | { field: "certificateType"; problem: "certificateWithoutType" }
  | { field: "fieldType"; problem: "formFieldWithoutType" }
  | { field: "options"; problem: "selectWithoutOptions" };

export type MaterialSourceProblem = Extract<CatalogRuleProblem, { field: "certificateType" | "fieldType" | "options" }>;

/** A service's own rules: its legal basis, and its promise within the statute. */
export function serviceRuleProblems(s: { legalBasis: string; statutoryDays: number; promisedDays: number }): CatalogRuleProblem[] {
  const problems: CatalogRuleProblem[] = [];
  if (!hasLegalBasis(s.legalBasis)) problems.push({ field: "legalBasis", problem: "noLegalBasis" });
  const limits = validateTimeLimits(s);
  if (limits) problems.push({ field: "promisedDays", problem: limits });
  return problems;
}

/**
 * How a material is supplied must be complete: a certificate names its type (read through the
 * gate), a form field its type, a select its options. The legal basis is checked where the
 * material is asked for (`hasLegalBasis`): in the file it belongs to the service's use of it.
 */
export function materialSourceProblems(m: {
  source: "formField" | "upload" | "certificate";
  fieldType?: string | null;
  options?: readonly unknown[] | null;
  certificateType?: string | null;
}): MaterialSourceProblem[] {
  const problems: MaterialSourceProblem[] = [];
  if (m.source === "certificate" && !m.certificateType) problems.push({ field: "certificateType", problem: "certificateWithoutType" });
  if (m.source === "formField" && !m.fieldType) problems.push({ field: "fieldType", problem: "formFieldWithoutType" });
  if (m.fieldType === "select" && !m.options?.length) problems.push({ field: "options", problem: "selectWithoutOptions" });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// 办理情形: situation questions that decide which materials apply
// ---------------------------------------------------------------------------------------------

/** One answer of a situation question: its stored code and its labels. */
export interface SituationOption {
  value: string;
  labelZh: string;
  labelEn: string;
}

/**
 * A situation question a service asks before its materials (申请人类型: 个体工商户 / 公司): each answer
 * decides which of the service's materials apply. Keys name the question across services, so a
 * bundle asks a question its services share once.
 */
export interface SituationQuestion {
  key: string;
  nameZh: string;
  nameEn: string;
  options: SituationOption[];
}

/**
 * When a service asks a material: for each question named, one of the answers listed; every named
 * question must hold. A material with no condition applies always.
 */
export type AppliesWhen = Record<string, string[]>;

/** The applicant's answers: question key → option value. */
export type SituationAnswers = Record<string, string>;

function sameCondition(a: AppliesWhen, b: AppliesWhen): boolean {
  const norm = (w: AppliesWhen) =>
    JSON.stringify(
      Object.keys(w)
        .sort()
        .map((k) => [k, [...(w[k] ?? [])].sort()]),
    );
  return norm(a) === norm(b);
}

/** Whether one condition holds for the answers (an unanswered question does not hold). */
export function conditionHolds(when: AppliesWhen, answers: Readonly<SituationAnswers>): boolean {
  return Object.entries(when).every(([key, values]) => values.includes(answers[key] ?? ""));
}

/** Whether a merged material applies: no condition, or any service's condition holds. */
export function materialApplies(m: { appliesWhen: readonly AppliesWhen[] | null }, answers: Readonly<SituationAnswers>): boolean {
  return m.appliesWhen === null || m.appliesWhen.length === 0 || m.appliesWhen.some((w) => conditionHolds(w, answers));
}

/**
 * Whether a material may still apply while some questions are unanswered: some service's condition
 * holds for every question answered so far. With every question answered, `materialApplies`.
 */
export function materialMayApply(m: { appliesWhen: readonly AppliesWhen[] | null }, answers: Readonly<Partial<SituationAnswers>>): boolean {
  if (m.appliesWhen === null || m.appliesWhen.length === 0) return true;
  return m.appliesWhen.some((w) => Object.entries(w).every(([key, values]) => answers[key] === undefined || values.includes(answers[key] ?? "")));
}

/**
 * The answers picked in a guide's situation form (URL parameters): only questions the guide asks,
 * each with one of its answers; anything else is ignored.
 */
export function chosenSituations(
  questions: readonly SituationQuestion[],
  params: Readonly<Record<string, string | string[] | undefined>>,
): Partial<SituationAnswers> {
  const chosen: Partial<SituationAnswers> = {};
  for (const q of questions) {
    const v = params[q.key];
    if (typeof v === "string" && q.options.some((o) => o.value === v)) chosen[q.key] = v;
  }
  return chosen;
}

/** The materials that apply in the applicant's situation, in their order. */
export function applicableMaterials<M extends { appliesWhen: readonly AppliesWhen[] | null }>(
  materials: readonly M[],
  answers: Readonly<SituationAnswers>,
): M[] {
  return materials.filter((m) => materialApplies(m, answers));
}

/**
 * The questions of several services as one list, each key once (the first definition), in the
 * services' order. The province file refuses two services of a bundle defining a key differently.
 */
export function mergeSituations(lists: ReadonlyArray<readonly SituationQuestion[]>): SituationQuestion[] {
  const out = new Map<string, SituationQuestion>();
  for (const list of lists) for (const q of list) if (!out.has(q.key)) out.set(q.key, q);
  return [...out.values()];
}

/** Two definitions of a question agree: the same answers (labels may be worded per service). */
export function sameSituationQuestion(a: SituationQuestion, b: SituationQuestion): boolean {
  const values = (q: SituationQuestion) => JSON.stringify(q.options.map((o) => o.value).sort());
  return a.key === b.key && values(a) === values(b);
}

export type SituationAnswerProblem = { key: string; problem: "missing" | "unknownQuestion" | "unknownAnswer" };

/**
 * What is wrong with an applicant's answers: every question answered with one of its answers, no
 * answer to a question the plan does not ask. Empty when the answers decide the materials.
 */
export function situationAnswerProblems(questions: readonly SituationQuestion[], answers: Readonly<Record<string, string>>): SituationAnswerProblem[] {
  const problems: SituationAnswerProblem[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers)) if (!byKey.has(key)) problems.push({ key, problem: "unknownQuestion" });
  for (const q of questions) {
    const a = answers[q.key];
    if (a === undefined || a === "") problems.push({ key: q.key, problem: "missing" });
    else if (!q.options.some((o) => o.value === a)) problems.push({ key: q.key, problem: "unknownAnswer" });
  }
  return problems;
}

/**
 * A material's condition checked against the service's questions: each named question is one of
 * them, each answer one of its options. Paths are relative to the condition (`[question]`,
 * `[question, index]`).
 */
export function appliesWhenProblems(
  when: AppliesWhen,
  questions: readonly SituationQuestion[],
): Array<{ path: Array<string | number>; problem: "unknownQuestion" | "unknownAnswer" | "noAnswers"; value: string }> {
  const problems: Array<{ path: Array<string | number>; problem: "unknownQuestion" | "unknownAnswer" | "noAnswers"; value: string }> = [];
  for (const [key, values] of Object.entries(when)) {
    const q = questions.find((x) => x.key === key);
    if (!q) {
      problems.push({ path: [key], problem: "unknownQuestion", value: key });
      continue;
    }
    if (values.length === 0) problems.push({ path: [key], problem: "noAnswers", value: key });
    values.forEach((v, i) => {
      if (!q.options.some((o) => o.value === v)) problems.push({ path: [key, i], problem: "unknownAnswer", value: v });
    });
  }
  return problems;
}

/** A condition in words, for a guide read without script: "申请人类型：公司；经营场所：新开店铺". */
export function describeCondition(when: AppliesWhen, questions: readonly SituationQuestion[], locale: string): string {
  const en = locale === "en";
  return Object.entries(when)
    .map(([key, values]) => {
      const q = questions.find((x) => x.key === key);
      const labels = values.map((v) => {
        const o = q?.options.find((x) => x.value === v);
        return o ? (en ? o.labelEn : o.labelZh) : v;
      });
      const name = q ? (en ? q.nameEn : q.nameZh) : key;
      return en ? `${name}: ${labels.join(" or ")}` : `${name}：${labels.join("或")}`;
    })
    .join(en ? "; " : "；");
}

// ---------------------------------------------------------------------------------------------
// Staged materials: a bundle asks each stage's materials when that stage opens
// ---------------------------------------------------------------------------------------------

/**
 * The stage of each material of a bundle: the earliest topological stage of a step whose service
 * asks it. Stage 1 materials are asked at submission; a later stage's when its steps are ready to
 * start. A material no step names (not expected) is stage 1.
 */
export function materialStages(
  steps: ReadonlyArray<GraphStep & { serviceCode: string }>,
  materials: ReadonlyArray<{ key: string; serviceCodes: readonly string[] }>,
): Map<string, number> {
  const stageOf = stageNumbers(steps);
  const out = new Map<string, number>();
  for (const m of materials) {
    const stages = steps.filter((s) => m.serviceCodes.includes(s.serviceCode)).map((s) => stageOf.get(s.key) ?? 1);
    out.set(m.key, stages.length ? Math.min(...stages) : 1);
  }
  return out;
}

/**
 * What a step still needs from the applicant before it can start: the later-stage materials its
 * service asks that apply in the applicant's situation and are not supplied yet. `required` only
 * the ones it cannot start without; `all` also the optional ones, offered on the same form.
 */
export function owedStepMaterials<
  M extends { key: string; stage: number; required: boolean; serviceCodes: readonly string[]; appliesWhen: readonly AppliesWhen[] | null },
>(materials: readonly M[], step: { serviceCode: string }, answers: Readonly<SituationAnswers>, supplied: ReadonlySet<string>): { all: M[]; required: M[] } {
  const all = materials.filter((m) => m.stage > 1 && m.serviceCodes.includes(step.serviceCode) && materialApplies(m, answers) && !supplied.has(m.key));
  return { all, required: all.filter((m) => m.required) };
}

// ---------------------------------------------------------------------------------------------
// 告知承诺: a commitment instead of proof (国办发〔2020〕42号《关于全面推行证明事项告知承诺制的指导意见》).
// ---------------------------------------------------------------------------------------------

/** How a department checks a committed material after approval (核查方式). */
export const commitmentMethods = ["onSite", "dataComparison", "documentReview"] as const;
export type CommitmentMethod = (typeof commitmentMethods)[number];

/** The longest verification period a rule may give, in working days. */
export const maxCommitmentWorkingDays = 120;

/**
 * That a commitment may replace a material, as the catalog says it for one service's material:
 * the written notice the applicant accepts (what is promised, and the legal consequences of a
 * false promise), and the verification rule — which department checks (its code), within how many
 * working days after approval, and how. Null on a material: it must be supplied.
 */
export interface MaterialCommitment {
  noticeZh: string;
  noticeEn: string;
  departmentCode: string;
  workingDays: number;
  method: CommitmentMethod;
}

/** A form field is an answer, not a document: only an upload or a certificate can be replaced by a commitment. */
export function commitmentProblems(m: {
  source: "formField" | "upload" | "certificate";
  commitment: MaterialCommitment | null;
}): Array<{ field: string; message: string }> {
  if (!m.commitment) return [];
  const problems: Array<{ field: string; message: string }> = [];
  if (m.source === "formField") problems.push({ field: "committable", message: "catalog.errors.commitmentFormField" });
  if (!Number.isInteger(m.commitment.workingDays) || m.commitment.workingDays < 1 || m.commitment.workingDays > maxCommitmentWorkingDays)
    problems.push({ field: "commitmentDays", message: "catalog.errors.commitmentDays" });
  return problems;
}

/**
 * 管辖层级: which level of government decides a service, recorded on the service
 * (`services.competence`; null: its own department, the province's, decides, as before levels).
 *
 * - `lowestLevel`: the lowest level that decides. Routing starts there and goes up: a county body
 *   of the service department's function whose division is the deciding division, then the city
 *   body of that county's city, then the service's own (provincial) department.
 * - `locationKey`: the form answer (a material key of the service) that holds the GB/T 2260 code
 *   of the project's location (项目所在地); absent: the applicant's division (an enterprise's
 *   registration authority, positions 3–8 of its credit code, GB 32100; a person's, the first six
 *   digits of the ID number, GB 11643), as the tracking number already takes it.
 * - `provinceFromAmount`: an amount threshold (e.g. an investment): when the answer to `key` (a
 *   number field of the service) is at or above `atLeast` (in that field's unit), the province
 *   decides whatever the division.
 *
 * Example, the food business licence decided by the market regulation bureau of the shop's
 * county, or its city where the county has none: `{ "lowestLevel": "county" }`.
 */
export interface ServiceCompetence {
  lowestLevel: "city" | "county";
  locationKey?: string;
  provinceFromAmount?: { key: string; atLeast: number };
}

/** The levels a competence rule may start at (a provincial start is no rule at all). */
export const competenceLevels = ["city", "county"] as const;

/** A department as routing sees it: its level, the division it serves, the function it carries out. */
export interface RoutableBody {
  id: string;
  level: "province" | "city" | "county";
  divisionCode: string;
  /** The provincial department whose function it carries out (its own code for a provincial one). */
  functionCode: string;
}

/**
 * The competent body for one step: the body of the service department's function at the lowest
 * level the rule allows whose division is on the deciding division's chain (county first, then
 * city), else the service's own department. `chain` is the deciding division and its ancestors,
 * lowest first (e.g. 130602, 130600, 130000); `amount` is the threshold answer, when the rule has one.
 * Pure: the caller reads the bodies, the chain and the answers.
 */
export function competentBody(
  rule: ServiceCompetence | null | undefined,
  serviceDepartment: { id: string; code: string },
  bodies: readonly RoutableBody[],
  chain: readonly { code: string; level: number }[],
  amount: number | null,
): string {
  if (!rule) return serviceDepartment.id;
  if (rule.provinceFromAmount && amount !== null && amount >= rule.provinceFromAmount.atLeast) return serviceDepartment.id;
  const levels: Array<"county" | "city"> = rule.lowestLevel === "county" ? ["county", "city"] : ["city"];
  // Divisions: level 3 county, 2 city (GB/T 2260 as the divisions table keeps it).
  for (const level of levels) {
    const division = chain.find((d) => d.level === (level === "county" ? 3 : 2));
    if (!division) continue;
    const body = bodies.find((b) => b.functionCode === serviceDepartment.code && b.level === level && b.divisionCode === division.code);
    if (body) return body.id;
  }
  return serviceDepartment.id;
}

/** What is wrong with a competence rule, for the data office's form and the province file alike. */
export type CompetenceProblem =
  | { problem: "competenceNoBody"; field: "competence.lowestLevel" }
  | { problem: "competenceLocationKey"; field: "competence.locationKey"; key: string }
  | { problem: "competenceAmountKey"; field: "competence.provinceFromAmount.key"; key: string };

/**
 * A rule routes only where a body exists: a city or county body carrying out the service
 * department's function at a level the rule allows (else every task would stay at the province
 * and the rule would say something false). The location is a form answer of the service; the
 * amount a number answer of it.
 */
export function competenceProblems(
  rule: ServiceCompetence,
  serviceDepartmentCode: string,
  bodies: ReadonlyArray<{ level: string; functionCode?: string | null }>,
  serviceMaterials: ReadonlyArray<{ key: string; source: string; fieldType: string | null }>,
): CompetenceProblem[] {
  const problems: CompetenceProblem[] = [];
  const allowed = rule.lowestLevel === "county" ? ["county", "city"] : ["city"];
  if (!bodies.some((b) => b.functionCode === serviceDepartmentCode && allowed.includes(b.level)))
    problems.push({ problem: "competenceNoBody", field: "competence.lowestLevel" });
  if (rule.locationKey !== undefined && !serviceMaterials.some((m) => m.key === rule.locationKey && m.source === "formField"))
    problems.push({ problem: "competenceLocationKey", field: "competence.locationKey", key: rule.locationKey });
  const amountKey = rule.provinceFromAmount?.key;
  if (amountKey !== undefined && !serviceMaterials.some((m) => m.key === amountKey && m.source === "formField" && m.fieldType === "number"))
    problems.push({ problem: "competenceAmountKey", field: "competence.provinceFromAmount.key", key: amountKey });
  return problems;
}
