// A province as data: the catalog (certificate types, materials, services, bundles) and the
// organisation (departments, staff accounts, data resources, grants) in one versioned JSON file,
// like the official calendar's `official-workdays.json`. Each module owns the shape of its part
// (its `inputs.ts`); this file assembles them and checks what only the whole file can show.
import { z } from "zod";
import { ZFileBundle, ZFileCertificateType, ZFileMaterial, ZFileService } from "@/modules/catalog/inputs";
import {
  appliesWhenProblems,
  describeProblem,
  hasLegalBasis,
  sameSituationQuestion,
  materialSourceProblems,
  serviceRuleProblems,
  competenceProblems,
  unknownAnswerFields,
  validateBundleGraph,
} from "@/modules/catalog/model";
import { lintCatalog, type LintCatalog } from "@/modules/catalog/lint";
import { ZFileDepartment, ZFileStaff } from "@/modules/identity/inputs";
import { normalizeLogin } from "@/modules/identity/model";
import { ZFileDataResource, ZFileGrant } from "@/modules/sharing/inputs";
import { ZFileRecognition } from "@/modules/recognition/inputs";
import { regionOfDivision } from "@/lib/regions";

/** The format this code reads; a file with another version is refused, never guessed at. */
export const provinceFileFormatVersion = 1;

export const ZProvinceFile = z.strictObject({
  formatVersion: z.literal(provinceFileFormatVersion),
  province: z.strictObject({
    divisionCode: z.string().regex(/^\d{6}$/, "six digits (GB/T 2260)"),
    nameZh: z.string().trim().min(1),
    nameEn: z.string().trim().min(1),
  }),
  /**
   * The demo province only: staff accounts the import creates get the demo's published password
   * (README). Any other file leaves new accounts without a usable password until an administrator
   * sets one.
   */
  demo: z.boolean().default(false),
  departments: z.array(ZFileDepartment).max(5000),
  staff: z.array(ZFileStaff).max(100000),
  certificateTypes: z.array(ZFileCertificateType).max(5000),
  materials: z.array(ZFileMaterial).max(50000),
  services: z.array(ZFileService).max(50000),
  bundles: z.array(ZFileBundle).max(5000),
  dataResources: z.array(ZFileDataResource).max(10000),
  grants: z.array(ZFileGrant).max(100000),
  /** The recognition matrix: certificate types of other regions accepted for this province's services (issue 14). */
  recognition: z.array(ZFileRecognition).max(10000).default([]),
});

export type ProvinceFile = z.output<typeof ZProvinceFile>;

/** One thing wrong with a file, at its JSON path (e.g. `services[3].materials[0].legalBasis`). */
export interface FileProblem {
  path: string;
  message: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(file)";
}

/**
 * Reads a province file: its shape first (every zod issue), then, if the shape holds, the rules
 * across entries. Returns every problem at once, each with its path, so a province fixes its
 * file in one pass. `divisionCodes` are the divisions the portal knows (GB/T 2260).
 */
export function parseProvinceFile(
  raw: unknown,
  divisionCodes: ReadonlySet<string>,
): { file: ProvinceFile; problems: [] } | { file: null; problems: FileProblem[] } {
  const parsed = ZProvinceFile.safeParse(raw);
  if (!parsed.success) {
    return { file: null, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  }
  const problems = checkProvinceFile(parsed.data, divisionCodes);
  return problems.length ? { file: null, problems } : { file: parsed.data, problems: [] };
}

/** The rules a well-shaped file must still meet; empty when it may be imported. */
export function checkProvinceFile(file: ProvinceFile, divisionCodes: ReadonlySet<string>): FileProblem[] {
  const problems: FileProblem[] = [];
  const add = (path: ReadonlyArray<PropertyKey>, message: string) => problems.push({ path: formatPath(path), message });

  /** The codes of one list, each duplicate named at its second occurrence. */
  const codes = <T>(list: readonly T[], name: string, key: (x: T) => string, what: string): Set<string> => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      const k = key(x);
      if (seen.has(k)) add([name, i], `duplicate ${what} "${k}"`);
      seen.add(k);
    });
    return seen;
  };
  const departments = codes(file.departments, "departments", (d) => d.code, "department code");
  codes(file.staff, "staff", (s) => normalizeLogin(s.login), "login");
  const types = codes(file.certificateTypes, "certificateTypes", (c) => c.code, "certificate type code");
  const materials = codes(file.materials, "materials", (m) => m.key, "material key");
  const services = codes(file.services, "services", (s) => s.code, "service code");
  codes(file.bundles, "bundles", (b) => b.code, "bundle code");
  const resources = codes(file.dataResources, "dataResources", (r) => r.code, "data resource code");
  codes(file.grants, "grants", (g) => `${g.resource} → ${g.consumer}`, "grant");

  const known = (set: ReadonlySet<string>, value: string | null | undefined, path: ReadonlyArray<PropertyKey>, what: string) => {
    if (value != null && !set.has(value)) add(path, `unknown ${what} "${value}"`);
  };
  const legalBasis = (value: string, path: ReadonlyArray<PropertyKey>, what: string) => {
    // A requirement without a legal basis is a needless certificate (奇葩证明): not allowed.
    if (!hasLegalBasis(value)) add(path, `${what} has no legal basis`);
  };
  // The catalog's own rules (catalog/model.ts), the same the data office's forms are held to.
  const sourceMessage = {
    certificateWithoutType: "a certificate material names its certificate type",
    formFieldWithoutType: "a form field names its field type",
    selectWithoutOptions: "a select field lists its options",
  } as const;

  if (!divisionCodes.has(file.province.divisionCode)) add(["province", "divisionCode"], `unknown division "${file.province.divisionCode}"`);
  file.departments.forEach((d, i) => known(divisionCodes, d.divisionCode, ["departments", i, "divisionCode"], "division"));
  // A city or county body carries out the function of a provincial department of the file.
  const provincial = new Set(file.departments.filter((d) => d.level === "province").map((d) => d.code));
  file.departments.forEach((d, i) => {
    if (d.functionCode === undefined) return;
    if (d.level === "province") add(["departments", i, "functionCode"], "only a city or county body carries out a provincial department's function");
    else if (!provincial.has(d.functionCode)) add(["departments", i, "functionCode"], `"${d.functionCode}" is not a provincial department of the file`);
  });
  // One body per function and division: routing would otherwise have two candidates.
  const bodies = new Map<string, string>();
  file.departments.forEach((d, i) => {
    if (d.functionCode === undefined) return;
    const key = `${d.functionCode} ${d.divisionCode}`;
    const other = bodies.get(key);
    if (other) add(["departments", i, "functionCode"], `"${other}" already carries out "${d.functionCode}" in ${d.divisionCode}`);
    else bodies.set(key, d.code);
  });
  file.staff.forEach((s, i) => {
    known(departments, s.department, ["staff", i, "department"], "department");
    if (s.role === "reviewer" && !s.department) add(["staff", i, "department"], "a reviewer belongs to a department");
    if (s.departmentHead && s.role !== "reviewer") add(["staff", i, "departmentHead"], "only a reviewer heads a department");
  });
  file.certificateTypes.forEach((c, i) => known(departments, c.issuer, ["certificateTypes", i, "issuer"], "department"));
  // One type per kind: the portal finds the licence and the identity card by this flag.
  const identifying = new Map<string, string>();
  file.certificateTypes.forEach((c, i) => {
    if (!c.identifies) return;
    const holder = identifying.get(c.identifies);
    if (holder) add(["certificateTypes", i, "identifies"], `"${c.code}" and "${holder}" both identify "${c.identifies}": one certificate type per kind`);
    else identifying.set(c.identifies, c.code);
  });
  // A field filled by an answer names a form field of a service that issues the type.
  const formFieldKeys = new Set(file.materials.filter((m) => m.source === "formField").map((m) => m.key));
  file.certificateTypes.forEach((c, i) => {
    const issuing = file.services.filter((s) => s.issues === c.code);
    const formKeys = issuing.length ? new Set(issuing.flatMap((s) => s.materials.map((m) => m.key)).filter((k) => formFieldKeys.has(k))) : null;
    for (const j of unknownAnswerFields(c.fields, formKeys)) {
      const f = c.fields[j];
      add(
        ["certificateTypes", i, "fields", j, "source", "answer"],
        `"${f && "answer" in f.source ? f.source.answer : ""}" is not a form field of a service that issues "${c.code}"`,
      );
    }
  });
  file.materials.forEach((m, i) => {
    known(types, m.certificateType, ["materials", i, "certificateType"], "certificate type");
    for (const p of materialSourceProblems(m)) add(["materials", i, p.field], sourceMessage[p.problem]);
    if (m.unit && m.fieldType !== "number") add(["materials", i, "unit"], "only a number field has a unit");
  });
  file.services.forEach((s, i) => {
    known(departments, s.department, ["services", i, "department"], "department");
    // Registration issues the licence that proves the new entity exists: the file must flag one.
    if (s.registersEntity && !identifying.has("entity"))
      add(["services", i, "registersEntity"], `service "${s.code}" registers an entity, but no certificate type identifies "entity" (the licence it issues)`);
    known(types, s.issues, ["services", i, "issues"], "certificate type");
    // 管辖层级: routed only where a body exists, by answers the service asks.
    if (s.competence) {
      const asked = s.materials.map((m) => {
        const def = file.materials.find((x) => x.key === m.key);
        return { key: m.key, source: def?.source ?? "", fieldType: def?.fieldType ?? null };
      });
      for (const p of competenceProblems(s.competence, s.department, file.departments, asked)) {
        const message =
          p.problem === "competenceNoBody"
            ? `service "${s.code}": no ${s.competence.lowestLevel === "county" ? "city or county" : "city"} body carries out the function of "${s.department}"`
            : p.problem === "competenceLocationKey"
              ? `service "${s.code}": "${p.key}" is not a form field of the service (the project's location)`
              : `service "${s.code}": "${p.key}" is not a number field of the service (the amount)`;
        add(["services", i, ...p.field.split(".")], message);
      }
    }
    for (const p of serviceRuleProblems(s)) {
      if (p.problem === "noLegalBasis") add(["services", i, "legalBasis"], `service "${s.code}" has no legal basis`);
      else if (p.problem === "promisedAboveStatutory")
        add(["services", i, "promisedDays"], `promised limit ${s.promisedDays} is above the statutory limit ${s.statutoryDays} (working days)`);
      else add(["services", i, "promisedDays"], "the promised limit is at least 1 working day");
    }
    const keys = new Set<string>();
    s.materials.forEach((m, j) => {
      known(materials, m.key, ["services", i, "materials", j, "key"], "material");
      if (keys.has(m.key)) add(["services", i, "materials", j, "key"], `material "${m.key}" asked for twice`);
      keys.add(m.key);
      legalBasis(m.legalBasis, ["services", i, "materials", j, "legalBasis"], `material "${m.key}" of service "${s.code}"`);
      // 告知承诺: the verifying department exists, and only a document (not a typed answer) is replaced.
      if (m.commitment) {
        known(departments, m.commitment.departmentCode, ["services", i, "materials", j, "commitment", "departmentCode"], "department");
        if (formFieldKeys.has(m.key))
          add(["services", i, "materials", j, "commitment"], `material "${m.key}" is a form field: a commitment replaces only a document`);
      }
      // A material applies in situations the service asks about, with answers the question has.
      for (const p of appliesWhenProblems(m.appliesWhen ?? {}, s.situations)) {
        const message =
          p.problem === "unknownQuestion"
            ? `unknown situation "${p.value}" (service "${s.code}" asks ${s.situations.map((q) => `"${q.key}"`).join(", ") || "none"})`
            : p.problem === "unknownAnswer"
              ? `unknown answer "${p.value}" of situation "${String(p.path[0])}"`
              : `situation "${p.value}" lists no answer`;
        add(["services", i, "materials", j, "appliesWhen", ...p.path], message);
      }
    });
    const questionKeys = new Set<string>();
    s.situations.forEach((q, j) => {
      if (questionKeys.has(q.key)) add(["services", i, "situations", j, "key"], `situation "${q.key}" asked twice`);
      questionKeys.add(q.key);
    });
  });
  file.bundles.forEach((b, i) => {
    known(departments, b.lead, ["bundles", i, "lead"], "department");
    known(types, b.requiresCertificateType, ["bundles", i, "requiresCertificateType"], "certificate type");
    b.steps.forEach((step, j) => known(services, step.service, ["bundles", i, "steps", j, "service"], "service"));
    // A bundle asks a question its services share once: they must mean the same answers by it.
    const asked = new Map<string, { question: ProvinceFile["services"][number]["situations"][number]; service: string }>();
    b.steps.forEach((step, j) => {
      for (const q of file.services.find((s) => s.code === step.service)?.situations ?? []) {
        const first = asked.get(q.key);
        if (!first) asked.set(q.key, { question: q, service: step.service });
        else if (!sameSituationQuestion(first.question, q))
          add(["bundles", i, "steps", j, "service"], `situation "${q.key}" has other answers in service "${step.service}" than in "${first.service}"`);
      }
    });
    // 不得互为前置: departments may not make each other prerequisites.
    for (const p of validateBundleGraph(b.steps)) add(["bundles", i, "steps"], describeProblem(p));
  });
  file.dataResources.forEach((r, i) => {
    known(departments, r.provider, ["dataResources", i, "provider"], "department");
    // One definition: a certificate resource holds its type's shared fields, declared on the type.
    if (r.certificateType !== null && r.fields.length > 0) {
      add(
        ["dataResources", i, "fields"],
        `a certificate resource shares its type's shared fields: remove this list and mark the fields of "${r.certificateType}" shared`,
      );
    }
    if (r.certificateType === null && r.fields.length === 0) add(["dataResources", i, "fields"], "a resource lists the fields it holds");
    known(types, r.certificateType, ["dataResources", i, "certificateType"], "certificate type");
    legalBasis(r.legalBasis, ["dataResources", i, "legalBasis"], `data resource "${r.code}"`);
  });
  // The whole catalog's lint (catalog/lint.ts): needless and circular certificates across services.
  problems.push(...lintProblems(file));
  // The registry reads a certificate type through exactly one resource (a unique column).
  const typeResource = new Set<string>();
  file.dataResources.forEach((r, i) => {
    if (r.certificateType === null) return;
    if (typeResource.has(r.certificateType)) add(["dataResources", i, "certificateType"], `a second resource for certificate type "${r.certificateType}"`);
    typeResource.add(r.certificateType);
  });
  file.grants.forEach((g, i) => {
    known(resources, g.resource, ["grants", i, "resource"], "data resource");
    known(departments, g.consumer, ["grants", i, "consumer"], "department");
    g.services.forEach((s, j) => known(services, s, ["grants", i, "services", j], "service"));
  });
  // The recognition matrix: another region, a service of the file asking for the local type as a
  // certificate, one entry per (service, region, foreign type), a legal basis, a sane validity.
  const ownRegion = regionOfDivision(file.province.divisionCode);
  codes(file.recognition, "recognition", (r) => `${r.service} ← ${r.region} ${r.foreignType}`, "recognition entry");
  const definitionOf = new Map(file.materials.map((m) => [m.key, m]));
  // A certificate material without its type is reported above; the service's types are then unknown.
  const typesKnown = (s: ProvinceFile["services"][number]) =>
    s.materials.every((m) => definitionOf.get(m.key)?.source !== "certificate" || definitionOf.get(m.key)?.certificateType);
  file.recognition.forEach((r, i) => {
    if (r.region === ownRegion) add(["recognition", i, "region"], `"${r.region}" is this province's own region: its certificates need no recognition`);
    known(services, r.service, ["recognition", i, "service"], "service");
    known(types, r.localType, ["recognition", i, "localType"], "certificate type");
    const service = file.services.find((s) => s.code === r.service);
    if (service && types.has(r.localType) && typesKnown(service) && !service.materials.some((m) => definitionOf.get(m.key)?.certificateType === r.localType))
      add(["recognition", i, "localType"], `service "${r.service}" does not ask for certificate type "${r.localType}"`);
    legalBasis(r.legalBasis, ["recognition", i, "legalBasis"], `recognition entry ${i}`);
    if (r.validUntil !== null && r.validUntil < r.validFrom) add(["recognition", i, "validUntil"], "the last day is before the first day");
  });
  return problems;
}

/** A province file's catalog as the lint reads it: every service (a file's services are all published). */
export function fileLintCatalog(file: ProvinceFile): LintCatalog {
  const department = new Map(file.departments.map((d) => [d.code, d]));
  const definition = new Map(file.materials.map((m) => [m.key, m]));
  return {
    certificateTypes: file.certificateTypes.map((c) => ({
      code: c.code,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      issuerZh: department.get(c.issuer)?.nameZh ?? c.issuer,
      issuerEn: department.get(c.issuer)?.nameEn ?? c.issuer,
    })),
    services: file.services.map((s) => ({
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      issues: s.issues,
      materials: s.materials.flatMap((m) => {
        const d = definition.get(m.key);
        return d
          ? [
              {
                key: m.key,
                nameZh: d.nameZh,
                nameEn: d.nameEn,
                legalBasis: m.legalBasis,
                source: d.source,
                certificateType: d.certificateType ?? null,
                committable: m.commitment !== undefined,
              },
            ]
          : [];
      }),
    })),
  };
}

/**
 * The lint's findings in a file, each at the path to fix: a service's use of a material (its legal
 * basis, or the material that starts a circle), or the material's definition (how it is supplied,
 * or the material itself). An empty legal basis is reported once, by the file's own rule.
 */
export function lintProblems(file: ProvinceFile): FileProblem[] {
  const serviceIndex = new Map(file.services.map((s, i) => [s.code, i]));
  const materialIndex = new Map(file.materials.map((m, i) => [m.key, i]));
  const pathOfUse = (service: string | null, key: string | null): Array<string | number> | null => {
    const i = service === null ? undefined : serviceIndex.get(service);
    const j = i === undefined ? -1 : (file.services[i]?.materials.findIndex((m) => m.key === key) ?? -1);
    return i === undefined || j < 0 ? null : ["services", i, "materials", j];
  };
  const problems: FileProblem[] = [];
  for (const f of lintCatalog(fileLintCatalog(file))) {
    const definition = f.materialKey === null ? undefined : materialIndex.get(f.materialKey);
    const at = pathOfUse(f.serviceCode, f.materialKey);
    let path: Array<string | number>;
    switch (f.code) {
      case "noLegalBasis": {
        const s = serviceIndex.get(f.serviceCode ?? "");
        const m = s === undefined ? undefined : file.services[s]?.materials.find((x) => x.key === f.materialKey);
        if (!hasLegalBasis(m?.legalBasis)) continue;
        path = [...(at ?? ["services"]), "legalBasis"];
        break;
      }
      case "governmentIssuedUpload":
        path = definition === undefined ? [...(at ?? ["services"]), "key"] : ["materials", definition, "source"];
        break;
      case "circular":
        path = [...(at ?? ["services"]), "key"];
        break;
      case "orphanMaterial":
        path = definition === undefined ? ["materials"] : ["materials", definition];
        break;
    }
    problems.push({ path: formatPath(path), message: f.text });
  }
  return problems;
}
