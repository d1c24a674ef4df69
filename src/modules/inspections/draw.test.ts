import { describe, expect, it } from "vitest";
import { compareRanked, drawKey, drawSample, formatKey, hashToInteger, inspectorDrawId, integerRoot, rankCandidates } from "./draw";

// The published test vectors of docs/inspections.md. Computed by hand in a terminal, not by this
// code: Python's hashlib for n, then u = (n + 0.5) / 2^64 and exp(ln(u) / w) in the `decimal`
// module at 80 digits, truncated to 20 places.
const seed = "4f1c2a9e0b7d3c5a8e6f1b2d4c9a7e3f5b8d0c2e4a6f8b1d3c5e7a9f0b2d4c6e";
const vectors = [
  { seed, id: "91130602MA0TB002XR", w: 1, n: "2012263133500166738", key: "0.10908500304766847069" },
  { seed, id: "91130602MA0TB002XR", w: 8, n: "2012263133500166738", key: "0.75808976109088242794" },
  { seed, id: "91130102MA0TB00118", w: 2, n: "12324204572398598689", key: "0.81737168324913079026" },
  { seed, id: "91130102MA0TB00118", w: 4, n: "12324204572398598689", key: "0.90408610389117849236" },
  { seed: "0".repeat(64), id: "91130102MA0TB00118", w: 1, n: "4814524217157717588", key: "0.26099588078632349655" },
  { seed: "tongban", id: "a", w: 3, n: "4151115347908405720", key: "0.60824940526915101826" },
];

describe("the draw's key", () => {
  it.each(vectors)("matches the published vector $id, w = $w", (v) => {
    expect(hashToInteger(v.seed, v.id).toString()).toBe(v.n);
    const k = drawKey(v.seed, v.id, v.w);
    expect(k.n).toBe(v.n);
    expect(k.key).toBe(v.key);
    expect(k.uNumerator).toBe((2n * BigInt(v.n) + 1n).toString());
  });

  it("is an exact integer root", () => {
    expect(integerRoot(0n, 3)).toBe(0n);
    expect(integerRoot(26n, 3)).toBe(2n);
    expect(integerRoot(27n, 3)).toBe(3n);
    expect(integerRoot(10n ** 40n, 2)).toBe(10n ** 20n);
    expect(integerRoot(10n ** 40n - 1n, 2)).toBe(10n ** 20n - 1n);
    expect(integerRoot(123456789n, 1)).toBe(123456789n);
  });

  it("never reaches 0 or 1, and a heavier weight gives a larger key for the same hash", () => {
    for (let w = 1; w <= 64; w *= 2) {
      const k = drawKey("s", "x", w).keyScaled;
      expect(k > 0n && k < 10n ** 20n).toBe(true);
    }
    expect(drawKey(seed, "x", 8).keyScaled > drawKey(seed, "x", 1).keyScaled).toBe(true);
  });

  it("refuses a weight that is not a whole number from 1 to 64", () => {
    expect(() => drawKey(seed, "x", 0)).toThrow();
    expect(() => drawKey(seed, "x", 1.5)).toThrow();
    expect(() => drawKey(seed, "x", 65)).toThrow();
  });

  it("formats keys with 20 places, leading zeros kept", () => {
    expect(formatKey(123n)).toBe("0.00000000000000000123");
  });
});

describe("the draw's order", () => {
  it("draws the k largest keys, largest first", () => {
    const candidates = ["A1", "B2", "C3", "D4", "E5", "F6"].map((id, i) => ({ id, weight: 1 + (i % 3) }));
    const ranked = rankCandidates(seed, candidates);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.keyScaled >= ranked[i]!.keyScaled).toBe(true);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(drawSample(seed, candidates, 3).map((r) => r.id)).toEqual(ranked.slice(0, 3).map((r) => r.id));
    // The order does not depend on the order candidates are given in.
    expect(rankCandidates(seed, [...candidates].reverse()).map((r) => r.id)).toEqual(ranked.map((r) => r.id));
  });

  it("breaks a tie of keys by id ascending", () => {
    const a = { keyScaled: 5n, id: "91B" };
    const b = { keyScaled: 5n, id: "91A" };
    const c = { keyScaled: 6n, id: "91Z" };
    expect([a, b, c].sort(compareRanked).map((x) => x.id)).toEqual(["91Z", "91A", "91B"]);
  });

  it("refuses a sample larger than the candidates", () => {
    expect(() => drawSample(seed, [{ id: "a", weight: 1 }], 2)).toThrow();
  });

  it("keys an inspector by entity and inspector, so each entity's draw is its own", () => {
    expect(inspectorDrawId("91130602MA0TB002XR", "u1")).toBe("91130602MA0TB002XR/u1");
    expect(drawKey(seed, inspectorDrawId("E1", "u1"), 1).key).not.toBe(drawKey(seed, inspectorDrawId("E2", "u1"), 1).key);
  });

  it("with weights 1, 2, 4, 8 draws worse classes more often (10,000 seeds, 4 candidates, k = 1)", () => {
    const counts = { A: 0, B: 0, C: 0, D: 0 };
    const weights = { A: 1, B: 2, C: 4, D: 8 } as const;
    for (let s = 0; s < 10_000; s++) {
      const [top] = drawSample(
        `seed-${s}`,
        (["A", "B", "C", "D"] as const).map((c) => ({ id: c, weight: weights[c] })),
        1,
      );
      counts[top!.id as keyof typeof counts]++;
    }
    // Efraimidis–Spirakis with k = 1 draws each with probability w / Σw: 1/15, 2/15, 4/15, 8/15.
    expect(counts.A / 10_000).toBeCloseTo(1 / 15, 1);
    expect(counts.D / 10_000).toBeCloseTo(8 / 15, 1);
    expect(counts.A < counts.B && counts.B < counts.C && counts.C < counts.D).toBe(true);
  });
});
