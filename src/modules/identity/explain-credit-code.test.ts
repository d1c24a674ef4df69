import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/open/credit-codes/[code]/route";
import { buildCreditCode } from "./credit-code";
import { explainCreditCode } from "./explain-credit-code";

const hebei = buildCreditCode({ authority: "9", category: "1", divisionCode: "130102", organisationBody: "MA0TB001" });

const call = async (code: string) => {
  const res = await GET(new Request(`http://localhost/api/open/credit-codes/${code}`), { params: Promise.resolve({ code }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("explainCreditCode", () => {
  it("decodes a valid Hebei code with its division's name", () => {
    expect(explainCreditCode(hebei.toLowerCase())).toEqual({
      code: hebei,
      valid: true,
      failedChecks: [],
      decoded: {
        authority: { code: "9", nameZh: expect.any(String), nameEn: expect.any(String) },
        category: { code: "1", nameZh: "企业", nameEn: expect.any(String) },
        division: { code: "130102", nameZh: "河北省石家庄市长安区" },
        organisationCode: `MA0TB001-${hebei[16]}`,
      },
    });
  });
  it("leaves an unknown division unnamed and still decodes the standard's example", () => {
    expect(explainCreditCode("91350100M000100Y43").decoded?.division).toEqual({ code: "350100", nameZh: null });
  });
});

describe("GET /api/open/credit-codes/{code}", () => {
  it("answers 200 with every failed check for an invalid code", async () => {
    const wrong = hebei.slice(0, 16) + (hebei[16] === "0" ? "1" : "0") + "0";
    const { status, body } = await call(wrong);
    expect(status).toBe(200);
    expect(body.valid).toBe(false);
    const checks = (body.failedChecks as Array<{ check: string; messageZh: string; messageEn: string }>).map((c) => c.check);
    expect(checks).toContain("organisationCode");
    for (const c of body.failedChecks as Array<{ messageZh: string; messageEn: string }>) {
      expect(c.messageZh.length).toBeGreaterThan(0);
      expect(c.messageEn.length).toBeGreaterThan(0);
    }
  });
  it("answers 400 for a path that cannot be a code", async () => {
    expect((await call("91-13")).status).toBe(400);
    expect((await call("x".repeat(41))).status).toBe(400);
    expect((await call("short")).status).toBe(200);
  });
});
