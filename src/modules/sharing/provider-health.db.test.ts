import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabase, uniqueSuffix } from "@/root/testing/database";
import { providerCalls } from "./provider-health-schema";
import { callProvider, listProviderHealth, percentile, providerState, recordProviderCall, type CertificateProvider } from "./providers";

// Each provider call records its health: the last success and failure, and the recent calls in a
// bounded ring, from which the data office's page computes the error rate and latencies.

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute));

describe("provider health", () => {
  it("keeps at most the window's number of calls per provider, overwriting the oldest", async () => {
    const { db } = await testDatabase();
    const provider = `department:ring${uniqueSuffix()}`;
    for (let i = 0; i < 7; i++)
      await recordProviderCall(db, { provider, kind: "department", at: at(i), ok: i !== 5, reason: i === 5 ? "timeout" : null, latencyMs: 10 * (i + 1) }, 4);
    const rows = await db.select().from(providerCalls).where(eq(providerCalls.provider, provider));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.latencyMs).sort((a, b) => a - b)).toEqual([40, 50, 60, 70]);
    const [view] = (await listProviderHealth(db, [], at(7))).filter((v) => v.provider === provider);
    expect(view).toMatchObject({
      kind: "department",
      calls: 7,
      windowCalls: 4,
      errorRate: 0.25,
      p50Ms: 50,
      p95Ms: 70,
      lastFailureReason: "timeout",
      lastFailureAt: at(5),
      lastSuccessAt: at(6),
      state: "degraded",
    });
  });

  it("counts only the last hour, and shows a provider whose last call failed as down", async () => {
    const { db } = await testDatabase();
    const provider = `peer:old${uniqueSuffix()}`;
    await recordProviderCall(db, { provider, kind: "peer", at: new Date(at(0).getTime() - 2 * 3_600_000), ok: true, reason: null, latencyMs: 5 });
    await recordProviderCall(db, { provider, kind: "peer", at: at(0), ok: false, reason: "unreachable", latencyMs: 3000 });
    const [view] = (await listProviderHealth(db, [], at(1))).filter((v) => v.provider === provider);
    expect(view).toMatchObject({ state: "down", windowCalls: 1, errorRate: 1, p50Ms: 3000, lastFailureReason: "unreachable" });
  });

  it("times a provider call and records it: not found is an answer, a thrown error a failure", async () => {
    const { db } = await testDatabase();
    const id = `department:call${uniqueSuffix()}`;
    const answers: CertificateProvider = { id, kind: "department", verify: async () => ({ status: "notFound" }) };
    expect(await callProvider(db, answers, "20260101000000001", at(0))).toEqual({ status: "notFound" });
    const throws: CertificateProvider = { id, kind: "department", verify: () => Promise.reject(new Error("boom")) };
    expect(await callProvider(db, throws, "20260101000000001", at(1))).toEqual({ status: "down", reason: "serverError" });
    const down: CertificateProvider = { id, kind: "department", verify: async () => ({ status: "down", reason: "refused", detail: "badSignature" }) };
    await callProvider(db, down, "20260101000000001", at(2));
    const [view] = (await listProviderHealth(db, [{ provider: "peer:nowhere", kind: "peer" }], at(3))).filter((v) => v.provider === id);
    expect(view).toMatchObject({ calls: 3, windowCalls: 3, state: "down", lastFailureReason: "refused:badSignature", lastSuccessAt: at(0) });
    expect((await listProviderHealth(db, [{ provider: "peer:nowhere", kind: "peer" }], at(3))).find((v) => v.provider === "peer:nowhere")).toMatchObject({
      state: "idle",
      calls: 0,
      errorRate: null,
    });
  });

  it("numbers concurrent calls without losing one", async () => {
    const { db } = await testDatabase();
    const provider = `department:many${uniqueSuffix()}`;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => recordProviderCall(db, { provider, kind: "department", at: at(0), ok: true, reason: null, latencyMs: i }, 50)),
    );
    const rows = await db.select().from(providerCalls).where(eq(providerCalls.provider, provider));
    expect(rows.map((r) => r.slot).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});

describe("percentiles and states", () => {
  it("takes the nearest rank", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
  });
  it("is idle before any call, healthy after a success, degraded with a high error rate", () => {
    expect(providerState({ lastSuccessAt: null, lastFailureAt: null }, null)).toBe("idle");
    expect(providerState({ lastSuccessAt: at(2), lastFailureAt: at(1) }, 0.05)).toBe("healthy");
    expect(providerState({ lastSuccessAt: at(2), lastFailureAt: at(1) }, 0.5)).toBe("degraded");
    expect(providerState({ lastSuccessAt: at(1), lastFailureAt: at(2) }, 0.5)).toBe("down");
  });
});
