// The service index (政务服务指数), built the way HJ 633-2012 builds the air-quality index: each
// sub-indicator measured from the case stream becomes a sub-index 0–100 by a published breakpoint
// table with linear interpolation; the composite is the weighted mean of the sub-indices; bands
// and colours name it; the lowest sub-index is the primary shortfall (首要短板), like the AQI's
// primary pollutant. Unlike the AQI, higher is better. Pure: anyone can recompute every published
// value from the published inputs and this methodology (GET /api/open/service-index/methodology.json).

/** The sub-indicators, in the order they are published. */
export const indicatorCodes = ["onTime", "speed", "oneNotice", "onceOnly", "online", "satisfaction", "rectification"] as const;
export type IndicatorCode = (typeof indicatorCodes)[number];

/** One row of a breakpoint table: at `value` of the indicator, the sub-index is `index`. */
export interface Breakpoint {
  value: number;
  index: number;
}

export interface IndicatorMethod {
  code: IndicatorCode;
  nameZh: string;
  nameEn: string;
  /** How the value is computed from the published counts, in words. */
  formulaZh: string;
  formulaEn: string;
  /** The counts this indicator is computed from (published with every value). */
  inputs: readonly [numerator: string, denominator: string];
  /** Rows sorted by `value` ascending; values outside the first and last row are clamped to them. */
  breakpoints: readonly Breakpoint[];
  weight: number;
}

export interface Band {
  code: "excellent" | "good" | "fair" | "poor" | "bad";
  nameZh: string;
  nameEn: string;
  /** The band holds composites from `from` (inclusive) up to the next band's `from`. */
  from: number;
  colour: string;
}

export interface Methodology {
  version: string;
  publishedOn: string;
  /** A unit with fewer cases than this in a period shows 数据不足 (no value, neither 0 nor 100). */
  minimumCases: number;
  /** Sub-indices and the composite are rounded half up to this many decimals. */
  decimals: number;
  indicators: readonly IndicatorMethod[];
  bands: readonly Band[];
}

/**
 * Version 2026.1. Rates are fractions 0–1; speed is a ratio of working days taken to days promised
 * (lower is better, so its table falls). Weights sum to 1.
 */
export const methodology: Methodology = {
  version: "2026.1",
  publishedOn: "2026-12-01",
  minimumCases: 5,
  decimals: 1,
  indicators: [
    {
      code: "onTime",
      nameZh: "按时办结率",
      nameEn: "On-time rate",
      formulaZh: "按期限办结的审查任务数 ÷ 办结的审查任务数",
      formulaEn: "review tasks decided by their due date ÷ review tasks decided",
      inputs: ["tasksOnTime", "tasksDecided"],
      breakpoints: [
        { value: 0, index: 0 },
        { value: 0.6, index: 40 },
        { value: 0.8, index: 60 },
        { value: 0.9, index: 80 },
        { value: 0.97, index: 90 },
        { value: 1, index: 100 },
      ],
      weight: 0.25,
    },
    {
      code: "speed",
      nameZh: "办理速度",
      nameEn: "Speed",
      formulaZh: "实际用时（工作日）之和 ÷ 承诺时限（工作日）之和",
      formulaEn: "working days taken, summed ÷ working days promised, summed",
      inputs: ["workingDaysTaken", "workingDaysPromised"],
      breakpoints: [
        { value: 0, index: 100 },
        { value: 0.5, index: 90 },
        { value: 0.8, index: 80 },
        { value: 1, index: 60 },
        { value: 1.5, index: 40 },
        { value: 2, index: 0 },
      ],
      weight: 0.15,
    },
    {
      code: "oneNotice",
      nameZh: "一次性告知率",
      nameEn: "One-notice rate",
      formulaZh: "补正告知不超过一次的办件数 ÷ 办结的办件数",
      formulaEn: "cases told what was missing at most once ÷ cases finished",
      inputs: ["casesAtMostOneNotice", "casesFinished"],
      breakpoints: [
        { value: 0, index: 0 },
        { value: 0.7, index: 40 },
        { value: 0.85, index: 60 },
        { value: 0.95, index: 80 },
        { value: 0.99, index: 90 },
        { value: 1, index: 100 },
      ],
      weight: 0.15,
    },
    {
      code: "onceOnly",
      nameZh: "免提交率",
      nameEn: "Once-only rate",
      formulaZh: "由共享平台调取的证照材料数 ÷ 申请时提交的证照和文件材料数",
      formulaEn: "certificates pulled from the shared layer ÷ certificates and documents supplied with applications",
      inputs: ["materialsShared", "materialsDocuments"],
      breakpoints: [
        { value: 0, index: 0 },
        { value: 0.3, index: 40 },
        { value: 0.6, index: 60 },
        { value: 0.8, index: 80 },
        { value: 0.95, index: 90 },
        { value: 1, index: 100 },
      ],
      weight: 0.1,
    },
    {
      code: "online",
      nameZh: "网上办理率",
      nameEn: "Online rate",
      formulaZh: "申请人在网上提交的办件数 ÷ 提交的办件数",
      formulaEn: "cases the applicant submitted online ÷ cases submitted",
      inputs: ["casesOnline", "casesSubmitted"],
      breakpoints: [
        { value: 0, index: 0 },
        { value: 0.5, index: 40 },
        { value: 0.7, index: 60 },
        { value: 0.85, index: 80 },
        { value: 0.95, index: 90 },
        { value: 1, index: 100 },
      ],
      weight: 0.1,
    },
    {
      code: "satisfaction",
      nameZh: "满意率",
      nameEn: "Satisfaction",
      formulaZh: "评价为“满意”或“非常满意”的评价数 ÷ 评价数",
      formulaEn: "ratings of 满意 (satisfied) or 非常满意 (very satisfied) ÷ ratings",
      inputs: ["ratingsSatisfied", "ratings"],
      breakpoints: [
        { value: 0, index: 0 },
        { value: 0.6, index: 40 },
        { value: 0.8, index: 60 },
        { value: 0.9, index: 80 },
        { value: 0.97, index: 90 },
        { value: 1, index: 100 },
      ],
      weight: 0.15,
    },
    {
      code: "rectification",
      nameZh: "差评整改及时率",
      nameEn: "Rectification on time",
      formulaZh: "按期（5个工作日内）答复的差评整改数 ÷ 到期的差评整改数",
      formulaEn: "rectification items answered within 5 working days ÷ rectification items due",
      inputs: ["rectificationsOnTime", "rectificationsDue"],
      breakpoints: [
        { value: 0, index: 0 },
        { value: 0.6, index: 40 },
        { value: 0.8, index: 60 },
        { value: 0.9, index: 80 },
        { value: 0.97, index: 90 },
        { value: 1, index: 100 },
      ],
      weight: 0.1,
    },
  ],
  bands: [
    { code: "excellent", nameZh: "优", nameEn: "Excellent", from: 90, colour: "#00a65a" },
    { code: "good", nameZh: "良", nameEn: "Good", from: 80, colour: "#9acd32" },
    { code: "fair", nameZh: "中", nameEn: "Fair", from: 60, colour: "#ffb300" },
    { code: "poor", nameZh: "差", nameEn: "Poor", from: 40, colour: "#ff7e00" },
    { code: "bad", nameZh: "很差", nameEn: "Very poor", from: 0, colour: "#c62828" },
  ],
};

/** Rounds half up (away from zero for positives) to `decimals`, without binary drift (0.15 → 0.2). */
export function roundHalfUp(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(Number((x * f).toPrecision(12))) / f;
}

/**
 * The sub-index of `value` by a breakpoint table: the line between the two rows around it, as
 * HJ 633-2012 formula (1): I = (I_hi − I_lo) / (BP_hi − BP_lo) × (C − BP_lo) + I_lo. A value on a
 * breakpoint takes that row's index; values beyond the table are clamped to its ends.
 */
export function subIndex(breakpoints: readonly Breakpoint[], value: number, decimals: number = methodology.decimals): number {
  const first = breakpoints[0];
  const last = breakpoints.at(-1);
  if (!first || !last) throw new Error("empty breakpoint table");
  if (value <= first.value) return roundHalfUp(first.index, decimals);
  if (value >= last.value) return roundHalfUp(last.index, decimals);
  for (let i = 1; i < breakpoints.length; i++) {
    const hi = breakpoints[i]!;
    const lo = breakpoints[i - 1]!;
    if (value <= hi.value) return roundHalfUp(((hi.index - lo.index) / (hi.value - lo.value)) * (value - lo.value) + lo.index, decimals);
  }
  return roundHalfUp(last.index, decimals);
}

/** The published counts of one unit and period, by input name (see each indicator's `inputs`). */
export type IndexInputs = Readonly<Record<string, number>>;

export interface IndicatorResult {
  code: IndicatorCode;
  /** The indicator's value (a rate or ratio, 4 decimals), or null when its denominator is 0. */
  value: number | null;
  subIndex: number | null;
}

export interface IndexResult {
  /** Cases the unit finished in the period (the 数据不足 test). */
  cases: number;
  sufficient: boolean;
  indicators: IndicatorResult[];
  /** Weighted mean of the sub-indices that have a value, weights re-normalised over them; null when 数据不足. */
  composite: number | null;
  band: Band["code"] | null;
  /** The indicator with the lowest sub-index (the first in published order on a tie). */
  primaryShortfall: IndicatorCode | null;
}

/** The band a composite falls in. */
export function bandOf(composite: number, bands: readonly Band[] = methodology.bands): Band {
  const sorted = [...bands].sort((a, b) => b.from - a.from);
  return sorted.find((b) => composite >= b.from) ?? sorted.at(-1)!;
}

/**
 * Applies the methodology to one unit's published inputs. `cases` is the unit's finished cases in
 * the period: below `minimumCases` nothing is computed (数据不足). An indicator whose denominator
 * is 0 has no value and is left out of the composite (its weight shared out among the others).
 */
export function computeIndex(inputs: IndexInputs, cases: number, m: Methodology = methodology): IndexResult {
  const sufficient = cases >= m.minimumCases;
  const indicators: IndicatorResult[] = m.indicators.map((ind) => {
    const [num, den] = ind.inputs;
    const d = inputs[den] ?? 0;
    if (!sufficient || d <= 0) return { code: ind.code, value: null, subIndex: null };
    const value = roundHalfUp((inputs[num] ?? 0) / d, 4);
    return { code: ind.code, value, subIndex: subIndex(ind.breakpoints, value, m.decimals) };
  });
  const scored = indicators.flatMap((r, i) => (r.subIndex === null ? [] : [{ r, weight: m.indicators[i]!.weight }]));
  if (!sufficient || scored.length === 0) return { cases, sufficient, indicators, composite: null, band: null, primaryShortfall: null };
  const totalWeight = scored.reduce((s, x) => s + x.weight, 0);
  const composite = roundHalfUp(scored.reduce((s, x) => s + x.weight * x.r.subIndex!, 0) / totalWeight, m.decimals);
  const lowest = scored.reduce((low, x) => (x.r.subIndex! < low.r.subIndex! ? x : low));
  return { cases, sufficient, indicators, composite, band: bandOf(composite, m.bands).code, primaryShortfall: lowest.r.code };
}
