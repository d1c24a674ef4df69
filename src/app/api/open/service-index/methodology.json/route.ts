import { methodology } from "@/modules/serviceIndex/model";

/**
 * `GET /api/open/service-index/methodology.json`: the version, the breakpoint tables, the weights,
 * the bands and the 数据不足 threshold, so that anyone can recompute a published index value.
 */
export function GET() {
  return Response.json(
    {
      ...methodology,
      formula: {
        subIndex: "I = (I_hi − I_lo) / (BP_hi − BP_lo) × (C − BP_lo) + I_lo (HJ 633-2012, formula 1); C outside the table is clamped to its ends",
        composite: "Σ weight × sub-index ÷ Σ weight, over the sub-indices with a value (denominator > 0)",
        rounding: "values to 4 decimals, sub-indices and the composite to `decimals`, half up",
        primaryShortfall: "the indicator with the lowest sub-index; on a tie, the first in published order",
        insufficient: "fewer finished cases than `minimumCases` in the period: no value (数据不足)",
      },
    },
    { headers: { "cache-control": "public, max-age=3600" } },
  );
}
