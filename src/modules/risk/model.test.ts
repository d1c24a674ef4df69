import { describe, expect, it } from "vitest";
import {
  classOfScore,
  diceSimilarity,
  excludesCommitment,
  imitatesName,
  inspectionOutcome,
  nameCore,
  rankSignals,
  recordFactor,
  scoreRisk,
  type RiskFact,
  type RiskRecordFact,
} from "./model";

const today = "2026-11-30";
const record = (over: Partial<RiskRecordFact>): RiskRecordFact => ({
  id: "r",
  kind: "administrativePenalty",
  current: true,
  severity: "general",
  decidedOn: "2026-06-01",
  validUntil: null,
  title: "处罚",
  ...over,
});
const fact = (kind: RiskFact["kind"], ref: string = kind): RiskFact => ({ kind, ref, detail: ref });

describe("the points formula", () => {
  it("puts a serious penalty with a dishonesty listing in D, with both factors", () => {
    const r = scoreRisk([fact("penaltySerious"), fact("dishonestyList")]);
    expect(r).toMatchObject({ score: 80, riskClass: "D" });
    expect(r.factors.map((f) => [f.factor, f.points])).toEqual([
      ["penaltySerious", 30],
      ["dishonestyList", 50],
    ]);
  });

  it("puts an honour and a clean record in A, and an enterprise with nothing in B", () => {
    expect(scoreRisk([fact("honour")])).toMatchObject({ score: -10, riskClass: "A" });
    expect(scoreRisk([])).toMatchObject({ score: 0, riskClass: "B", factors: [] });
  });

  it("puts one serious penalty, two general ones or two broken commitments in C", () => {
    expect(scoreRisk([fact("penaltySerious")]).riskClass).toBe("C");
    expect(scoreRisk([fact("penaltyGeneral", "a"), fact("penaltyGeneral", "b")])).toMatchObject({ score: 20, riskClass: "C" });
    expect(scoreRisk([fact("brokenCommitment", "a"), fact("brokenCommitment", "b")])).toMatchObject({ score: 30, riskClass: "C" });
  });

  it("caps honours at −20 and signals at +15: signals alone never make C", () => {
    const honours = scoreRisk(["a", "b", "c"].map((r) => fact("honour", r)));
    expect(honours.factors[0]).toMatchObject({ factor: "honour", points: -20, count: 3 });
    const signals = scoreRisk(["a", "b", "c", "d", "e"].map((r) => fact("signal", r)));
    expect(signals).toMatchObject({ score: 15, riskClass: "B" });
    // An honour outweighs one signal, not the other way round.
    expect(scoreRisk([fact("honour"), fact("signal")]).riskClass).toBe("A");
  });

  it("draws the class boundaries at 0, 20 and 50", () => {
    expect([-1, 0, 19, 20, 49, 50].map(classOfScore)).toEqual(["A", "B", "B", "C", "C", "D"]);
  });

  it("counts only records in force within 36 months", () => {
    expect(recordFactor(record({}), today)).toBe("penaltyGeneral");
    expect(recordFactor(record({ severity: "serious" }), today)).toBe("penaltySerious");
    expect(recordFactor(record({ decidedOn: "2023-11-29" }), today)).toBeNull();
    expect(recordFactor(record({ decidedOn: "2023-11-30" }), today)).toBe("penaltyGeneral");
    // Corrected (replaced) or repaired: not in force.
    expect(recordFactor(record({ current: false }), today)).toBeNull();
    expect(recordFactor(record({ kind: "dishonestyList", severity: null, validUntil: "2026-11-29" }), today)).toBeNull();
    expect(recordFactor(record({ kind: "dishonestyList", severity: null, validUntil: "2026-11-30" }), today)).toBe("dishonestyList");
    expect(recordFactor(record({ kind: "honour", severity: null, validUntil: null }), today)).toBe("honour");
    expect(recordFactor(record({ kind: "administrativeLicence", severity: null }), today)).toBeNull();
    expect(recordFactor(record({ kind: "brokenCommitment", severity: null }), today)).toBe("brokenCommitment");
  });

  it("reads an inspection's outcome from its severity, else from its words", () => {
    expect(inspectionOutcome({ severity: "serious", title: "抽查" })).toBe("inspectionProblemSerious");
    expect(inspectionOutcome({ severity: null, title: "双随机抽查", content: "未发现问题。" })).toBe("inspectionClean");
    expect(inspectionOutcome({ severity: null, title: "双随机抽查", content: "检查结果：合格" })).toBe("inspectionClean");
    expect(inspectionOutcome({ severity: null, title: "双随机抽查", content: "检查不合格，责令整改。" })).toBe("inspectionProblemGeneral");
    expect(inspectionOutcome({ severity: null, title: "双随机抽查", content: "发现严重违法行为，责令整改。" })).toBe("inspectionProblemSerious");
    expect(inspectionOutcome({ severity: null, title: "双随机抽查", content: "已检查。" })).toBeNull();
  });

  it("excludes only class D from committing", () => {
    expect(["A", "B", "C", "D", null].map((c) => excludesCommitment(c as never))).toEqual([false, false, false, true, false]);
  });
});

describe("name similarity", () => {
  const divisions = ["河北省", "石家庄市", "保定市", "竞秀区"];

  it("takes the core of a name: without division, industry words and organisational form", () => {
    expect(nameCore("石家庄通办示范商贸有限公司", divisions)).toBe("通办示范");
    expect(nameCore("保定市竞秀区云帆示例餐饮管理有限责任公司", divisions)).toBe("云帆示例");
    expect(nameCore("河北 宏图（远航）科技股份有限公司", divisions)).toBe("宏图远航");
  });

  it("is the Dice coefficient of character bigrams (hand-computed)", () => {
    // {宏图, 图远, 远航} and {宏图, 图远, 远帆}: 2·2 / (3 + 3).
    expect(diceSimilarity("宏图远航", "宏图远帆")).toBeCloseTo(2 / 3, 10);
    // {通办, 办示, 示范} and {通办}: 2·1 / (3 + 1).
    expect(diceSimilarity("通办示范", "通办")).toBeCloseTo(0.5, 10);
    expect(diceSimilarity("云帆", "云帆")).toBe(1);
    expect(diceSimilarity("蓝海", "宏图")).toBe(0);
    // Repeated bigrams count as often as they occur.
    expect(diceSimilarity("哈哈哈", "哈哈")).toBeCloseTo((2 * 1) / 3, 10);
  });

  it("flags an imitation at or above 0.6, not below", () => {
    expect(imitatesName("宏图远帆", "宏图远航")).toMatchObject({ similar: true });
    expect(imitatesName("通办", "通办示范")).toMatchObject({ similar: false, score: 0.5 });
    expect(imitatesName("宏", "宏")).toMatchObject({ similar: false });
  });
});

describe("the ranking of signals", () => {
  it("puts heavier rules first, then more evidence, then newer", () => {
    const at = (d: string) => new Date(`${d}T00:00:00Z`);
    const ranked = rankSignals([
      { rule: "sharedAddress" as const, evidence: [1, 2, 3], lastSeenAt: at("2026-11-30"), subjectCode: "A" },
      { rule: "linkedDishonesty" as const, evidence: [1], lastSeenAt: at("2026-11-01"), subjectCode: "B" },
      { rule: "linkedDishonesty" as const, evidence: [1, 2], lastSeenAt: at("2026-10-01"), subjectCode: "C" },
    ]);
    expect(ranked.map((s) => s.subjectCode)).toEqual(["C", "B", "A"]);
  });
});
