// The catalog's lint, pure: needless and circular certificates across the whole catalog (坚决杜绝
// 奇葩证明和循环证明), not one bundle at a time. Imports only the catalog's model; the database reads
// that build a `LintCatalog` are in lint-catalog.ts, the province file's in src/root/catalog-file.ts.
//
// What the rules read, precisely:
// - A legal basis **names a law** when it cites one: a title in book-title marks (《中华人民共和国
//   城乡规划法》) or a document number (国办发〔2020〕42号). Empty text, "按规定", "内部要求" name none.
// - **Government issues** a material's document when the registry knows the document: the
//   material names a certificate type (`certificateType`; every type has an issuing department,
//   `certificate_types.issuer_department_id`, not null), or its Chinese name is the Chinese name
//   of a certificate type (the same document catalogued twice). Its type is then that type.
// - A service **needs** a certificate type when one of its documents (an upload or a certificate,
//   not a form field) is of that type; it **issues**
//   the type its `issues` (`services.issues_certificate_type`) names. Only published services count:
//   a withdrawn one neither asks nor issues.
// - A service that needs the very type it issues (a change registration asks the licence it
//   reissues) is renewing that certificate, not going round in a circle: such a self-loop is no cycle.
import { hasLegalBasis } from "./model";

export const findingCodes = ["noLegalBasis", "governmentIssuedUpload", "circular", "orphanMaterial"] as const;
export type FindingCode = (typeof findingCodes)[number];

export interface LintCertificateType {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The issuing department's names (every certificate type has one). */
  issuerZh: string;
  issuerEn: string;
}

export interface LintMaterial {
  key: string;
  nameZh: string;
  nameEn: string;
  /** Why this service asks it; empty when none is given. */
  legalBasis: string;
  source: "formField" | "upload" | "certificate";
  certificateType: string | null;
  /** 告知承诺: a commitment may replace it (absent: no). */
  committable?: boolean;
}

export interface LintService {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The certificate type the service issues, if any. */
  issues: string | null;
  materials: LintMaterial[];
}

/** The whole catalog as the lint reads it: from the database (published services) or a province file. */
export interface LintCatalog {
  certificateTypes: LintCertificateType[];
  services: LintService[];
}

/** One edge of a circle: `from` needs a certificate of `types` that `to` issues (through `materials` of `from`). */
export interface CycleEdge {
  from: string;
  to: string;
  types: string[];
  materials: string[];
}

export interface CatalogFinding {
  code: FindingCode;
  /** Stable identity: the same problem in another run has the same id (the editor compares before and after). */
  id: string;
  serviceCode: string | null;
  materialKey: string | null;
  /** governmentIssuedUpload: the certificate type the document is. */
  certificateType: string | null;
  /** circular: the circle, starting at its least service code and back to it. */
  cycle: CycleEdge[] | null;
  /** The message key (under `catalog.`) and its parameters, each name in both languages (`x` and `xEn`). */
  message: { key: string; params: Record<string, string> };
  /** The same in plain English, for the command line and logs. */
  text: string;
}

const lawTitle = /《[^《》\s][^《》]*》/;
const documentNumber = /〔\d{4}〕\d+号|\[\d{4}\]\s*No\.\s*\d+/;

/** A legal basis that names a law: a title in 《》 or a document number (see the top of the file). */
export function namesLaw(text: string | null | undefined): boolean {
  return hasLegalBasis(text) && (lawTitle.test(text ?? "") || documentNumber.test(text ?? ""));
}

/** Names compared as people write them: without spaces, with ASCII and full-width brackets alike. */
function normalName(name: string): string {
  return name.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
}

/** The certificate type a material's document is, or null when government does not issue it (see the top). */
export function documentType(m: Pick<LintMaterial, "nameZh" | "certificateType">, types: readonly LintCertificateType[]): LintCertificateType | null {
  if (m.certificateType) return types.find((t) => t.code === m.certificateType) ?? null;
  const name = normalName(m.nameZh);
  return types.find((t) => normalName(t.nameZh) === name) ?? null;
}

const cycleLimit = 50;

/**
 * Every elementary circle of the services' needs, each once, starting at its least service code
 * (at most `cycleLimit`): service A needs what B issues, B needs what C issues, …, back to A.
 */
export function findCycles(services: readonly LintService[], types: readonly LintCertificateType[]): CycleEdge[][] {
  const issuers = new Map<string, string[]>();
  for (const s of services) if (s.issues) issuers.set(s.issues, [...(issuers.get(s.issues) ?? []), s.code]);
  const edges = new Map<string, Map<string, CycleEdge>>();
  for (const s of services) {
    const out = new Map<string, CycleEdge>();
    for (const m of s.materials) {
      // An answer typed into the form is information, not a document: it needs no certificate.
      const type = m.source === "formField" ? null : documentType(m, types);
      if (!type) continue;
      for (const to of issuers.get(type.code) ?? []) {
        if (to === s.code) continue; // renewal: needs what it reissues
        const e = out.get(to) ?? { from: s.code, to, types: [], materials: [] };
        if (!e.types.includes(type.code)) e.types.push(type.code);
        if (!e.materials.includes(m.key)) e.materials.push(m.key);
        out.set(to, e);
      }
    }
    edges.set(s.code, out);
  }
  const codes = [...edges.keys()].sort();
  const cycles: CycleEdge[][] = [];
  // Johnson-style enumeration kept simple: from each start, only through services after it in
  // code order, so each circle is found once, from its least code. Catalogs have few edges.
  for (const start of codes) {
    const path: CycleEdge[] = [];
    const onPath = new Set<string>([start]);
    const visit = (at: string) => {
      const out = [...(edges.get(at)?.values() ?? [])].sort((a, b) => (a.to < b.to ? -1 : 1));
      for (const e of out) {
        if (cycles.length >= cycleLimit) return;
        if (e.to === start) {
          cycles.push([...path, e].map((x) => ({ ...x, types: [...x.types].sort(), materials: [...x.materials].sort() })));
        } else if (e.to > start && !onPath.has(e.to)) {
          onPath.add(e.to);
          path.push(e);
          visit(e.to);
          path.pop();
          onPath.delete(e.to);
        }
      }
    };
    visit(start);
  }
  return cycles;
}

/** A circle as people read it: `A —(T1)→ B —(T2)→ A`, by names in one language or by codes. */
export function formatCycle(
  cycle: readonly CycleEdge[],
  name: (service: string) => string,
  typeName: (type: string) => string,
  lang: "zh" | "en" = "en",
): string {
  if (cycle.length === 0) return "";
  const [open, close, sep] = lang === "zh" ? ["（", "）", "、"] : ["(", ")", ", "];
  return [name(cycle[0]?.from ?? ""), ...cycle.map((e) => `—${open}${e.types.map(typeName).join(sep)}${close}→ ${name(e.to)}`)].join(" ");
}

/**
 * Checks the whole catalog. Findings, in a stable order (by service, then material):
 * - `noLegalBasis`: a service asks a material with a legal basis that names no law;
 * - `governmentIssuedUpload`: a service asks a document government issues as an upload: the
 *   registry (or, in a bundle, the step that issues it first) supplies it instead;
 * - `circular`: services need each other's certificates in a circle, through any number of steps;
 * - `orphanMaterial`: a material no service issues and no law names (no service asks it with a
 *   legal basis that names a law).
 */
export function lintCatalog(catalog: LintCatalog): CatalogFinding[] {
  const findings: CatalogFinding[] = [];
  const types = catalog.certificateTypes;
  const typeOf = new Map(types.map((t) => [t.code, t]));
  const serviceOf = new Map(catalog.services.map((s) => [s.code, s]));
  const services = [...catalog.services].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  for (const s of services) {
    for (const m of s.materials) {
      const names = { service: s.nameZh, serviceEn: s.nameEn, material: m.nameZh, materialEn: m.nameEn };
      if (!namesLaw(m.legalBasis)) {
        findings.push({
          code: "noLegalBasis",
          id: `noLegalBasis:${s.code}:${m.key}`,
          serviceCode: s.code,
          materialKey: m.key,
          certificateType: null,
          cycle: null,
          message: { key: "lint.finding.noLegalBasis", params: names },
          text: `service "${s.code}" asks material "${m.key}" without a legal basis that names a law (a needless certificate, 奇葩证明)`,
        });
      }
      const type = m.source === "upload" ? documentType(m, types) : null;
      if (type) {
        findings.push({
          code: "governmentIssuedUpload",
          id: `governmentIssuedUpload:${s.code}:${m.key}`,
          serviceCode: s.code,
          materialKey: m.key,
          certificateType: type.code,
          cycle: null,
          message: {
            key: "lint.finding.governmentIssuedUpload",
            params: { ...names, issuer: type.issuerZh, issuerEn: type.issuerEn, type: type.nameZh, typeEn: type.nameEn },
          },
          text: `service "${s.code}" asks "${m.key}" as an upload, but government issues it (certificate type "${type.code}"): take it from the registry or the step that issues it`,
        });
      }
    }
  }

  for (const cycle of findCycles(services, types)) {
    const codeName = (c: string) => c;
    const zh = formatCycle(
      cycle,
      (c) => serviceOf.get(c)?.nameZh ?? c,
      (t) => typeOf.get(t)?.nameZh ?? t,
      "zh",
    );
    const en = formatCycle(
      cycle,
      (c) => serviceOf.get(c)?.nameEn ?? c,
      (t) => typeOf.get(t)?.nameEn ?? t,
      "en",
    );
    const first = cycle[0];
    findings.push({
      code: "circular",
      id: `circular:${cycle.map((e) => `${e.from}>${e.types.join("+")}`).join("|")}`,
      serviceCode: first?.from ?? null,
      materialKey: first?.materials[0] ?? null,
      certificateType: first?.types[0] ?? null,
      cycle,
      message: { key: "lint.finding.circular", params: { cycle: zh, cycleEn: en } },
      text: `services need each other's certificates in a circle (循环证明): ${formatCycle(cycle, codeName, codeName)}`,
    });
  }

  // A material by key: its uses, and whether any service issues its document.
  const issued = new Set(catalog.services.flatMap((s) => (s.issues ? [s.issues] : [])));
  // Only materials some service asks count: a definition no service asks (a province file's list
  // keeps them for withdrawn services) asks nothing of anyone.
  const byKey = new Map<string, { def: LintMaterial; lawful: boolean }>();
  for (const s of services)
    for (const m of s.materials) {
      const entry = byKey.get(m.key) ?? { def: m, lawful: false };
      entry.lawful ||= namesLaw(m.legalBasis);
      byKey.set(m.key, entry);
    }
  for (const [key, { def, lawful }] of [...byKey].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (lawful) continue;
    const type = documentType(def, types);
    if (type && issued.has(type.code)) continue;
    findings.push({
      code: "orphanMaterial",
      id: `orphanMaterial:${key}`,
      serviceCode: null,
      materialKey: key,
      certificateType: null,
      cycle: null,
      message: { key: "lint.finding.orphanMaterial", params: { material: def.nameZh, materialEn: def.nameEn } },
      text: `material "${key}": no service issues it and no law names it`,
    });
  }
  return findings;
}

/** The findings of `after` that `before` did not have: what a change would add. */
export function addedFindings(before: readonly CatalogFinding[], after: readonly CatalogFinding[]): CatalogFinding[] {
  const had = new Set(before.map((f) => f.id));
  return after.filter((f) => !had.has(f.id));
}

/** How a service's documents reach it: from the shared layer, by commitment, or still uploaded. */
export interface ServiceSupply {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Materials the registry supplies (certificate materials of a type it holds). */
  shared: SupplyMaterial[];
  /** Materials a commitment may replace (告知承诺): counted here, not as shared or uploaded. */
  commitment: SupplyMaterial[];
  /** Documents the applicant still uploads (and cannot replace by a commitment). */
  uploaded: SupplyMaterial[];
}

export interface SupplyMaterial {
  key: string;
  nameZh: string;
  nameEn: string;
}

const supplyMaterial = (m: LintMaterial): SupplyMaterial => ({ key: m.key, nameZh: m.nameZh, nameEn: m.nameEn });

/** The report per service, in code order; form fields (answers typed in) are none of the three. */
export function supplyReport(catalog: LintCatalog): ServiceSupply[] {
  const known = new Set(catalog.certificateTypes.map((t) => t.code));
  return [...catalog.services]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((s) => ({
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      shared: s.materials.filter((m) => !m.committable && m.source === "certificate" && m.certificateType && known.has(m.certificateType)).map(supplyMaterial),
      commitment: s.materials.filter((m) => m.committable && m.source !== "formField").map(supplyMaterial),
      uploaded: s.materials
        .filter((m) => !m.committable && (m.source === "upload" || (m.source === "certificate" && !(m.certificateType && known.has(m.certificateType)))))
        .map(supplyMaterial),
    }));
}
