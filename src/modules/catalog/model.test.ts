import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  competentBody,
  certificatesIssuedBefore,
  criticalPathDays,
  describeProblem,
  formatCycle,
  mergeMaterials,
  readySteps,
  stageNumbers,
  topologicalStages,
  validateBundleGraph,
  validateTimeLimits,
  yuanToFen,
  type GraphStep,
  type ServiceMaterial,
} from "./model";

const startBusiness: GraphStep[] = [
  { key: "businessLicence", needs: [] },
  { key: "seal", needs: ["businessLicence"] },
  { key: "tax", needs: ["businessLicence"] },
  { key: "socialInsurance", needs: ["businessLicence"] },
  { key: "housingFund", needs: ["businessLicence"] },
];

const construction: GraphStep[] = [
  { key: "landUsePlanning", needs: [] },
  { key: "environmentalImpact", needs: [] },
  { key: "engineeringPlanning", needs: ["landUsePlanning", "environmentalImpact"] },
  { key: "constructionPermit", needs: ["engineeringPlanning"] },
  { key: "fireDesignReview", needs: ["engineeringPlanning"] },
  { key: "completionAcceptance", needs: ["constructionPermit", "fireDesignReview"] },
  { key: "fireAcceptance", needs: ["constructionPermit", "fireDesignReview"] },
];

describe("validateBundleGraph", () => {
  it("accepts a fan-out, a fan-out after one step, and staged steps", () => {
    expect(
      validateBundleGraph([
        { key: "a", needs: [] },
        { key: "b", needs: [] },
      ]),
    ).toEqual([]);
    expect(validateBundleGraph(startBusiness)).toEqual([]);
    expect(validateBundleGraph(construction)).toEqual([]);
    expect(validateBundleGraph([])).toEqual([]);
  });

  it("names duplicate keys, self-needs and unknown needs", () => {
    expect(
      validateBundleGraph([
        { key: "a", needs: [] },
        { key: "a", needs: [] },
        { key: "b", needs: ["b"] },
        { key: "c", needs: ["ghost"] },
      ]),
    ).toEqual([
      { kind: "duplicateKey", key: "a" },
      { kind: "selfNeed", key: "b" },
      { kind: "unknownNeed", key: "c", need: "ghost" },
    ]);
  });

  it("refuses departments that are each other's prerequisite (不得互为前置), naming the cycle", () => {
    const problems = validateBundleGraph([
      { key: "businessLicence", needs: ["seal"] },
      { key: "seal", needs: ["businessLicence"] },
    ]);
    expect(problems).toEqual([{ kind: "cycle", path: ["businessLicence", "seal", "businessLicence"] }]);
    const [first] = problems;
    expect(formatCycle(first?.kind === "cycle" ? first.path : [])).toBe("businessLicence → seal → businessLicence");
    expect(describeProblem(first ?? { kind: "selfNeed", key: "" })).toContain("businessLicence → seal → businessLicence");
  });

  it("finds a long cycle hidden behind acyclic steps and reports it once", () => {
    const problems = validateBundleGraph([
      { key: "x", needs: ["a"] },
      { key: "a", needs: ["b"] },
      { key: "b", needs: ["c"] },
      { key: "c", needs: ["a"] },
      { key: "y", needs: ["c", "x"] },
    ]);
    expect(problems).toEqual([{ kind: "cycle", path: ["a", "b", "c", "a"] }]);
  });

  it("reports each of two separate cycles", () => {
    const problems = validateBundleGraph([
      { key: "a", needs: ["b"] },
      { key: "b", needs: ["a"] },
      { key: "c", needs: ["d"] },
      { key: "d", needs: ["c"] },
    ]);
    expect(problems.map((p) => (p.kind === "cycle" ? formatCycle(p.path) : p.kind))).toEqual(["a → b → a", "c → d → c"]);
  });
});

describe("topologicalStages", () => {
  it("puts startBusiness in two stages and construction in four", () => {
    expect(topologicalStages(startBusiness)).toEqual([["businessLicence"], ["seal", "tax", "socialInsurance", "housingFund"]]);
    expect(topologicalStages(construction)).toEqual([
      ["landUsePlanning", "environmentalImpact"],
      ["engineeringPlanning"],
      ["constructionPermit", "fireDesignReview"],
      ["completionAcceptance", "fireAcceptance"],
    ]);
    expect(stageNumbers(construction).get("fireAcceptance")).toBe(4);
  });

  it("places a step after the latest step it needs, not the first", () => {
    expect(
      topologicalStages([
        { key: "late", needs: ["a", "b"] },
        { key: "b", needs: ["a"] },
        { key: "a", needs: [] },
      ]),
    ).toEqual([["a"], ["b"], ["late"]]);
  });

  it("throws on a cycle rather than guessing", () => {
    expect(() =>
      topologicalStages([
        { key: "a", needs: ["b"] },
        { key: "b", needs: ["a"] },
      ]),
    ).toThrow();
  });
});

describe("readySteps", () => {
  it("starts the business licence first, then the four others at the same time", () => {
    expect(readySteps(startBusiness, new Set(), new Set())).toEqual(["businessLicence"]);
    expect(readySteps(startBusiness, new Set(), new Set(["businessLicence"]))).toEqual([]);
    expect(readySteps(startBusiness, new Set(["businessLicence"]), new Set(["businessLicence"]))).toEqual(["seal", "tax", "socialInsurance", "housingFund"]);
    expect(readySteps(startBusiness, new Set(["businessLicence"]), new Set(["businessLicence", "tax"]))).toEqual(["seal", "socialInsurance", "housingFund"]);
  });

  it("waits for every step a step needs", () => {
    const started = new Set(["landUsePlanning", "environmentalImpact"]);
    expect(readySteps(construction, new Set(["landUsePlanning"]), started)).toEqual([]);
    expect(readySteps(construction, new Set(["landUsePlanning", "environmentalImpact"]), started)).toEqual(["engineeringPlanning"]);
  });
});

describe("criticalPathDays", () => {
  it("counts the longest chain, not the sum, of parallel steps", () => {
    const days: Record<string, number> = { businessLicence: 1, seal: 1, tax: 1, socialInsurance: 1, housingFund: 3 };
    expect(criticalPathDays(startBusiness.map((s) => ({ ...s, days: days[s.key] ?? 0 })))).toBe(4);
    expect(
      criticalPathDays([
        { key: "a", needs: [], days: 5 },
        { key: "b", needs: [], days: 20 },
      ]),
    ).toBe(20);
    expect(criticalPathDays([])).toBe(0);
  });
});

describe("certificatesIssuedBefore", () => {
  it("counts certificates of the steps a step waits for, not of parallel steps", () => {
    const issued = certificatesIssuedBefore([
      { key: "licence", needs: [], issues: "businessLicence" },
      { key: "seal", needs: ["licence"], issues: "sealRecord" },
      { key: "tax", needs: ["licence"], issues: null },
      { key: "late", needs: ["seal"], issues: null },
    ]);
    expect([...(issued.get("licence") ?? [])]).toEqual([]);
    expect([...(issued.get("tax") ?? [])]).toEqual(["businessLicence"]);
    expect([...(issued.get("late") ?? [])].sort()).toEqual(["businessLicence", "sealRecord"]);
  });
});

describe("validateTimeLimits", () => {
  it("keeps the promised time within the statutory one, at least one day", () => {
    expect(validateTimeLimits({ statutoryDays: 20, promisedDays: 5 })).toBeNull();
    expect(validateTimeLimits({ statutoryDays: 20, promisedDays: 20 })).toBeNull();
    expect(validateTimeLimits({ statutoryDays: 20, promisedDays: 21 })).toBe("promisedAboveStatutory");
    expect(validateTimeLimits({ statutoryDays: 20, promisedDays: 0 })).toBe("promisedTooSmall");
    expect(validateTimeLimits({ statutoryDays: 20, promisedDays: 1.5 })).toBe("promisedTooSmall");
  });
});

describe("mergeMaterials", () => {
  const row = (over: Partial<ServiceMaterial> & { key: string; serviceCode: string }): ServiceMaterial => ({
    legalBasis: "《甲》",
    required: true,
    conditionZh: null,
    conditionEn: null,
    sortOrder: 0,
    ...over,
  });

  it("asks for each key once, required if any service requires it, naming who asks", () => {
    const merged = mergeMaterials([
      row({ key: "businessAddress", serviceCode: "food", sortOrder: 2, legalBasis: "《食品安全法》" }),
      row({ key: "premisesFloorPlan", serviceCode: "food", sortOrder: 5 }),
      row({ key: "businessAddress", serviceCode: "fire", sortOrder: 2, legalBasis: "《消防法》" }),
      row({ key: "fireSafetyPlan", serviceCode: "fire", sortOrder: 1, required: false, conditionZh: "有" }),
      row({ key: "premisesFloorPlan", serviceCode: "fire", sortOrder: 5, required: false, conditionZh: "如有" }),
    ]);
    expect(merged.map((m) => m.key)).toEqual(["fireSafetyPlan", "businessAddress", "premisesFloorPlan"]);
    expect(merged[1]).toMatchObject({ serviceCodes: ["food", "fire"], legalBasis: "《食品安全法》；《消防法》", required: true });
    expect(merged[2]).toMatchObject({ required: true, conditionZh: null, serviceCodes: ["food", "fire"] });
    expect(merged[0]).toMatchObject({ required: false, conditionZh: "有" });
  });
});

describe("yuanToFen", () => {
  it("reads yuan with up to two decimals", () => {
    expect(yuanToFen("0")).toBe(0);
    expect(yuanToFen("12.5")).toBe(1250);
    expect(yuanToFen(" 3.05 ")).toBe(305);
    expect(yuanToFen("1.234")).toBeNull();
    expect(yuanToFen("-1")).toBeNull();
    expect(yuanToFen("")).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random graphs.

/** A random DAG: step i may need any step j < i; the steps are then shuffled. */
const arbitraryDag = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
      fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([n, edges, order]) => {
    const steps = Array.from({ length: n }, (_, i) => ({
      key: `s${i}`,
      needs: Array.from({ length: i }, (_, j) => j)
        .filter((j) => edges[i]?.[j])
        .map((j) => `s${j}`),
    }));
    return order.map((i) => steps[i] as GraphStep);
  });

function reachable(steps: readonly GraphStep[], from: string): Set<string> {
  const needsOf = new Map(steps.map((s) => [s.key, s.needs]));
  const seen = new Set<string>();
  const stack = [...(needsOf.get(from) ?? [])];
  while (stack.length) {
    const k = stack.pop() as string;
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...(needsOf.get(k) ?? []));
  }
  return seen;
}

describe("properties", () => {
  it("accepts every random DAG and stages it so each step comes after what it needs", () => {
    fc.assert(
      fc.property(arbitraryDag, (steps) => {
        expect(validateBundleGraph(steps)).toEqual([]);
        const stages = topologicalStages(steps);
        const stageOf = stageNumbers(steps);
        expect(stages.flat().sort()).toEqual(steps.map((s) => s.key).sort());
        expect(stages.every((s) => s.length > 0)).toBe(true);
        for (const s of steps) for (const n of s.needs) expect(stageOf.get(n) ?? 0).toBeLessThan(stageOf.get(s.key) ?? 0);
      }),
    );
  });

  it("finishes a DAG by approving whatever is ready, in as many rounds as there are stages", () => {
    fc.assert(
      fc.property(arbitraryDag, (steps) => {
        const approved = new Set<string>();
        let rounds = 0;
        while (approved.size < steps.length) {
          const ready = readySteps(steps, approved, approved);
          expect(ready.length).toBeGreaterThan(0);
          ready.forEach((k) => approved.add(k));
          rounds += 1;
        }
        expect(rounds).toBe(topologicalStages(steps).length);
        expect(criticalPathDays(steps.map((s) => ({ ...s, days: 1 })))).toBe(rounds);
      }),
    );
  });

  it("reports a cycle, as a real path of needs, when a back edge is added", () => {
    fc.assert(
      fc.property(arbitraryDag, fc.nat(), fc.nat(), (steps, a, b) => {
        // Pick a step and one it depends on (directly or not), or itself; make the latter need the former.
        const from = steps[a % steps.length] as GraphStep;
        const below = [...reachable(steps, from.key)].sort();
        const to = below.length ? (below[b % below.length] as string) : from.key;
        const withBackEdge = steps.map((s) => (s.key === to ? { ...s, needs: [...s.needs, from.key] } : s));
        const problems = validateBundleGraph(withBackEdge);
        if (to === from.key) {
          expect(problems).toEqual([{ kind: "selfNeed", key: to }]);
          return;
        }
        const cycles = problems.filter((p) => p.kind === "cycle");
        expect(cycles.length).toBeGreaterThan(0);
        expect(problems.length).toBe(cycles.length);
        const needsOf = new Map(withBackEdge.map((s) => [s.key, s.needs]));
        for (const c of cycles) {
          expect(c.path[0]).toBe(c.path.at(-1));
          for (let i = 0; i + 1 < c.path.length; i++) expect(needsOf.get(c.path[i] ?? "")).toContain(c.path[i + 1]);
          // The graph was acyclic before, so every cycle runs through the new edge (to needs from).
          expect(c.path.some((k, i) => k === to && c.path[i + 1] === from.key)).toBe(true);
        }
      }),
    );
  });
});

describe("competentBody (管辖层级)", () => {
  const market = { id: "market", code: "market" };
  const bodies = [
    { id: "baoding", level: "city" as const, divisionCode: "130600", functionCode: "market" },
    { id: "tangxian", level: "county" as const, divisionCode: "130627", functionCode: "market" },
    { id: "fireBaoding", level: "city" as const, divisionCode: "130600", functionCode: "fire" },
  ];
  const chain = (county: string) => [
    { code: county, level: 3 },
    { code: "130600", level: 2 },
    { code: "130000", level: 1 },
  ];

  it("goes county, then city, then province, and only to a body of the same function", () => {
    expect(competentBody({ lowestLevel: "county" }, market, bodies, chain("130627"), null)).toBe("tangxian");
    expect(competentBody({ lowestLevel: "county" }, market, bodies, chain("130602"), null)).toBe("baoding");
    expect(competentBody({ lowestLevel: "city" }, market, bodies, chain("130627"), null)).toBe("baoding");
    expect(competentBody({ lowestLevel: "county" }, market, bodies, [{ code: "130302", level: 3 }], null)).toBe("market");
    expect(competentBody({ lowestLevel: "county" }, { id: "housing", code: "housing" }, bodies, chain("130627"), null)).toBe("housing");
    expect(competentBody(null, market, bodies, chain("130627"), null)).toBe("market");
  });

  it("sends an amount at or above the threshold to the province", () => {
    const rule = { lowestLevel: "county" as const, provinceFromAmount: { key: "investment", atLeast: 5000 } };
    expect(competentBody(rule, market, bodies, chain("130627"), 4999.5)).toBe("tangxian");
    expect(competentBody(rule, market, bodies, chain("130627"), 5000)).toBe("market");
    // No answer: the division decides.
    expect(competentBody(rule, market, bodies, chain("130627"), null)).toBe("tangxian");
  });
});
