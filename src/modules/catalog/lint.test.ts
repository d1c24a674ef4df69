import { describe, expect, it } from "vitest";
import { addedFindings, findCycles, lintCatalog, namesLaw, supplyReport, type LintCatalog, type LintMaterial, type LintService } from "./lint";

const law = "《示例条例》第一条";

/** A certificate type issued by a made-up department. */
const type = (code: string, nameZh = `${code}证`) => ({ code, nameZh, nameEn: `${code} certificate`, issuerZh: "示例局", issuerEn: "Example bureau" });

/** A material that is a certificate of `certificateType`. */
const cert = (certificateType: string, legalBasis = law): LintMaterial => ({
  key: certificateType,
  nameZh: `${certificateType}证`,
  nameEn: certificateType,
  legalBasis,
  source: "certificate",
  certificateType,
});

const service = (code: string, issues: string | null, materials: LintMaterial[]): LintService => ({
  code,
  nameZh: `${code}服务`,
  nameEn: `Service ${code}`,
  issues,
  materials,
});

const catalog = (services: LintService[], types = ["tA", "tB", "tC", "tD", "tX"].map((c) => type(c))): LintCatalog => ({ certificateTypes: types, services });

describe("namesLaw", () => {
  it("takes a title in book-title marks or a document number, nothing else", () => {
    expect(namesLaw("《中华人民共和国城乡规划法》第三十七条")).toBe(true);
    expect(namesLaw("国办发〔2020〕42号")).toBe(true);
    expect(namesLaw("")).toBe(false);
    expect(namesLaw("  ")).toBe(false);
    expect(namesLaw("按有关规定")).toBe(false);
    expect(namesLaw("《》")).toBe(false);
  });
});

describe("the catalog lint", () => {
  it("finds a material whose legal basis names no law", () => {
    const findings = lintCatalog(catalog([service("a", "tA", [{ ...cert("tB"), legalBasis: "内部要求" }]), service("b", "tB", [])]));
    expect(findings.map((f) => [f.code, f.serviceCode, f.materialKey])).toEqual([["noLegalBasis", "a", "tB"]]);
    expect(findings[0]?.message).toEqual({
      key: "lint.finding.noLegalBasis",
      params: { service: "a服务", serviceEn: "Service a", material: "tB证", materialEn: "tB" },
    });
  });

  it("finds a document government issues asked as an upload: by its type, or by a certificate type's name", () => {
    const byType: LintMaterial = { key: "approval", nameZh: "批文", nameEn: "Approval", legalBasis: law, source: "upload", certificateType: "tX" };
    const byName: LintMaterial = { key: "book", nameZh: "户口簿", nameEn: "Household register", legalBasis: law, source: "upload", certificateType: null };
    const own: LintMaterial = { key: "plan", nameZh: "平面图", nameEn: "Floor plan", legalBasis: law, source: "upload", certificateType: null };
    const findings = lintCatalog(catalog([service("a", null, [byType, byName, own])], [type("tX"), type("book", "户 口簿")]));
    expect(findings.map((f) => [f.code, f.materialKey, f.certificateType])).toEqual([
      ["governmentIssuedUpload", "approval", "tX"],
      ["governmentIssuedUpload", "book", "book"],
    ]);
    expect(findings[0]?.message.params).toMatchObject({ issuer: "示例局", issuerEn: "Example bureau", type: "tX证" });
  });

  it("finds a 2-step circle: A needs what B issues, B needs what A issues", () => {
    const findings = lintCatalog(catalog([service("b", "tB", [cert("tA")]), service("a", "tA", [cert("tB")])]));
    expect(findings.map((f) => f.code)).toEqual(["circular"]);
    const [f] = findings;
    expect(f?.cycle).toEqual([
      { from: "a", to: "b", types: ["tB"], materials: ["tB"] },
      { from: "b", to: "a", types: ["tA"], materials: ["tA"] },
    ]);
    expect(f?.text).toContain("a —(tB)→ b —(tA)→ a");
    expect(f?.message.params).toEqual({
      cycle: "a服务 —（tB证）→ b服务 —（tA证）→ a服务",
      cycleEn: "Service a —(tB certificate)→ Service b —(tA certificate)→ Service a",
    });
  });

  it("finds a 4-step circle, printed from its least service through the type of each edge", () => {
    const services = [
      service("c", "tC", [cert("tD")]),
      service("a", "tA", [cert("tB")]),
      service("d", "tD", [cert("tA")]),
      service("b", "tB", [cert("tC")]),
      // Beside the circle: needs a type of it, issues nothing anyone needs.
      service("e", null, [cert("tA")]),
    ];
    const findings = lintCatalog(catalog(services));
    expect(findings.map((f) => f.code)).toEqual(["circular"]);
    expect(findings[0]?.text).toContain("a —(tB)→ b —(tC)→ c —(tD)→ d —(tA)→ a");
    expect(findings[0]?.cycle?.map((e) => e.from)).toEqual(["a", "b", "c", "d"]);
  });

  it("finds every circle once, however the services are ordered", () => {
    // a ⇄ b and a → b → c → a share a and b: two circles.
    const services = [service("a", "tA", [cert("tB")]), service("b", "tB", [cert("tA"), cert("tC")]), service("c", "tC", [cert("tA")])];
    const texts = (list: LintService[]) => lintCatalog(catalog(list)).map((f) => f.text);
    expect(texts(services)).toHaveLength(2);
    expect(texts([...services].reverse())).toEqual(texts(services));
    expect(findCycles(services, catalog([]).certificateTypes)).toHaveLength(2);
  });

  it("sees no circle through a service that issues one type and needs another", () => {
    // a issues tA and needs tB; b issues tB and needs tC; c issues tC and needs nothing: a chain.
    const chain = [service("a", "tA", [cert("tB")]), service("b", "tB", [cert("tC")]), service("c", "tC", [])];
    expect(lintCatalog(catalog(chain))).toEqual([]);
    // A form field named like a certificate asks for words, not the document: no edge.
    const named: LintMaterial = { key: "tA", nameZh: "tA证", nameEn: "tA", legalBasis: law, source: "formField", certificateType: null };
    expect(lintCatalog(catalog([service("a", "tA", [cert("tB")]), service("b", "tB", [named])]))).toEqual([]);
    // A change registration needs the licence it reissues: a renewal, not a circle.
    expect(lintCatalog(catalog([service("change", "tA", [cert("tA")]), service("establish", "tA", [])]))).toEqual([]);
  });

  it("finds a material no service issues and no law names; a law or an issuing service is enough", () => {
    const invented: LintMaterial = {
      key: "proof",
      nameZh: "无犯罪证明以外的证明",
      nameEn: "Some proof",
      legalBasis: "",
      source: "upload",
      certificateType: null,
    };
    const withLaw = [
      service("a", null, [invented, { ...cert("tB"), legalBasis: "" }]),
      service("b", "tB", []),
      service("c", null, [{ ...invented, legalBasis: law }]),
    ];
    const findings = lintCatalog(catalog(withLaw));
    // c asks the proof with a law: no orphan, whatever a does.
    expect(findings.map((f) => [f.code, f.materialKey])).toEqual([
      ["noLegalBasis", "proof"],
      ["noLegalBasis", "tB"],
    ]);
    const alone = lintCatalog(catalog([service("a", null, [invented, { ...cert("tB"), legalBasis: "" }]), service("b", "tB", [])]));
    expect(alone.map((f) => [f.code, f.materialKey])).toEqual([
      ["noLegalBasis", "proof"],
      ["noLegalBasis", "tB"],
      // tB is issued by b: not an orphan, though a asks it without a law.
      ["orphanMaterial", "proof"],
    ]);
  });

  it("tells which findings a change adds", () => {
    const before = lintCatalog(catalog([service("a", "tA", [cert("tB")]), service("b", "tB", [])]));
    const after = lintCatalog(catalog([service("a", "tA", [cert("tB")]), service("b", "tB", [cert("tA")])]));
    expect(before).toEqual([]);
    expect(addedFindings(before, after).map((f) => f.code)).toEqual(["circular"]);
    expect(addedFindings(after, after)).toEqual([]);
  });

  it("reports per service what the shared layer supplies, by commitment, and what is still uploaded", () => {
    const upload: LintMaterial = { key: "plan", nameZh: "平面图", nameEn: "Floor plan", legalBasis: law, source: "upload", certificateType: null };
    const field: LintMaterial = { key: "name", nameZh: "名称", nameEn: "Name", legalBasis: law, source: "formField", certificateType: null };
    const [report] = supplyReport(catalog([service("a", null, [cert("tB"), upload, field])]));
    expect(report).toEqual({
      code: "a",
      nameZh: "a服务",
      nameEn: "Service a",
      shared: [{ key: "tB", nameZh: "tB证", nameEn: "tB" }],
      commitment: [],
      uploaded: [{ key: "plan", nameZh: "平面图", nameEn: "Floor plan" }],
    });
  });
});
