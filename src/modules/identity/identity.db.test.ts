import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/server/db/client";
import { testDatabase, uniqueSuffix } from "@/server/testing/database";
import { memoryLimiters, postgresLimiters, signInThrottle } from "@/server/rate-limit";
import { authenticate, type SignInThrottle } from "./authenticate";
import { buildCreditCode } from "./credit-code";
import { computeIdNumberCheck } from "./id-number";
import { ZRegisterCitizenInput, ZRegisterEnterpriseInput } from "./inputs";
import { registerCitizen } from "./register-citizen";
import { registerEnterprise } from "./register-enterprise";
import { agents, citizens, entities, users } from "./schema";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
});

const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** A fresh, valid, made-up credit code for each test. */
function freshCreditCode(): string {
  const suffix = uniqueSuffix().replace(/[^0-9A-Z]/g, "");
  let body = "";
  for (const ch of suffix.slice(-8).padStart(8, "0")) body += charset.includes(ch) ? ch : "0";
  // Mix in randomness: suffixes from different workers may share their last characters.
  body = body.slice(0, 4) + Array.from({ length: 4 }, () => charset[Math.floor(Math.random() * 10)]).join("");
  return buildCreditCode({ authority: "9", category: "1", divisionCode: "130102", organisationBody: body });
}
function freshIdNumber(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const first17 = `130102${1950 + Math.floor(Math.random() * 50)}07${day}${seq}`;
  return first17 + computeIdNumberCheck(first17);
}

function enterpriseInput(creditCode: string) {
  return ZRegisterEnterpriseInput.parse({
    creditCode,
    name: `测试示例商贸有限公司${uniqueSuffix()}`,
    legalRepresentative: "吴测试",
    contactName: "吴测试",
    contactPhone: "13800000009",
    password: "Secret2026",
    confirmPassword: "Secret2026",
  });
}

describe("registerEnterprise", () => {
  it("creates the entity, its account and the account link, and the account signs in", async () => {
    const code = freshCreditCode();
    const result = await registerEnterprise(h.db, enterpriseInput(code.toLowerCase()));
    expect(result.login).toBe(code);
    const [entity] = await h.db.select().from(entities).where(eq(entities.creditCode, code));
    expect(entity?.legalRepresentative).toBe("吴测试");
    const links = await h.db.select().from(agents).where(eq(agents.userId, result.userId));
    expect(links).toEqual([expect.objectContaining({ entityId: entity?.id, kind: "account" })]);

    const auth = await authenticate(h.db, { login: code.toLowerCase(), password: "Secret2026" }, { address: "192.0.2.1", throttle: signInThrottle(memoryLimiters()) });
    expect(auth).toMatchObject({ ok: true, actor: { role: "enterprise", entityId: entity?.id, departmentId: null } });
  });

  it("refuses a second registration of the same code on the credit code field and writes nothing", async () => {
    const code = freshCreditCode();
    await registerEnterprise(h.db, enterpriseInput(code));
    const before = await h.db.select({ n: sql<number>`count(*)::int` }).from(users);
    await expect(registerEnterprise(h.db, enterpriseInput(code))).rejects.toMatchObject({
      code: "conflict",
      field: "creditCode",
      message: "errors.creditCodeTaken",
    });
    const after = await h.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it("rejects an invalid credit code before anything is written", () => {
    const valid = freshCreditCode();
    const last = valid.at(-1) === "0" ? "1" : "0";
    const parsed = ZRegisterEnterpriseInput.safeParse({ ...enterpriseInput(valid), creditCode: valid.slice(0, 17) + last });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toContain("creditCode");
    expect(parsed.error?.issues.find((i) => i.path[0] === "creditCode")?.message).toMatch(/^validation\.creditCode\.checkCharacter/);
  });
});

describe("registerCitizen", () => {
  it("registers once; the same ID number again is a conflict on its field", async () => {
    const idNumber = freshIdNumber();
    const input = ZRegisterCitizenInput.parse({ name: "郑测试", idNumber, phone: "13900000009", password: "Secret2026", confirmPassword: "Secret2026" });
    const { userId } = await registerCitizen(h.db, input);
    const [citizen] = await h.db.select().from(citizens).where(eq(citizens.userId, userId));
    expect(citizen?.idNumber).toBe(idNumber);
    await expect(registerCitizen(h.db, input)).rejects.toMatchObject({ code: "conflict", field: "idNumber" });
    const rows = await h.db.select().from(citizens).where(eq(citizens.idNumber, idNumber));
    expect(rows).toHaveLength(1);
  });

  it("refuses mismatched passwords on the confirmation field", () => {
    const parsed = ZRegisterCitizenInput.safeParse({
      name: "郑测试",
      idNumber: freshIdNumber(),
      phone: "13900000009",
      password: "Secret2026",
      confirmPassword: "Secret2027",
    });
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["confirmPassword"], message: "validation.password.mismatch" })]);
  });
});

describe("authenticate and lockout", () => {
  // The throttle on the store the portal would use with this database: PostgreSQL's table when
  // the tests run on PostgreSQL, memory on PGlite.
  let throttle: SignInThrottle;
  beforeAll(async () => {
    throttle = signInThrottle(h.raw?.kind === "postgres" ? await postgresLimiters(h.raw.pool) : memoryLimiters());
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const from = (address: string) => ({ address, throttle });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const code = freshCreditCode();
    await registerEnterprise(h.db, enterpriseInput(code));
    const here = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const wrong = await authenticate(h.db, { login: code, password: "Wrong2026" }, from(here));
    const unknown = await authenticate(h.db, { login: freshCreditCode(), password: "Wrong2026" }, from(here));
    expect(wrong).toEqual({ ok: false, reason: "invalidCredentials" });
    expect(unknown).toEqual({ ok: false, reason: "invalidCredentials" });
  });

  it("locks the address and login pair after five failures for fifteen minutes, even with the right password, then lets in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = new Date("2026-03-02T09:00:00+08:00");
    vi.setSystemTime(t0);
    const code = freshCreditCode();
    await registerEnterprise(h.db, enterpriseInput(code));
    const here = `2001:db8:${Math.floor(Math.random() * 65535).toString(16)}::7`;
    for (let i = 1; i <= 4; i++) {
      expect(await authenticate(h.db, { login: code, password: "Wrong2026" }, from(here))).toEqual({ ok: false, reason: "invalidCredentials" });
    }
    const fifth = await authenticate(h.db, { login: code, password: "Wrong2026" }, from(here));
    expect(fifth).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 15 * 60 });
    vi.setSystemTime(new Date(t0.getTime() + 14 * 60_000));
    const during = await authenticate(h.db, { login: code, password: "Secret2026" }, from(here));
    expect(during).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });
    vi.setSystemTime(new Date(t0.getTime() + 15 * 60_000 + 1));
    expect((await authenticate(h.db, { login: code, password: "Secret2026" }, from(here))).ok).toBe(true);
    // A success clears the count: four more failures do not lock.
    for (let i = 1; i <= 4; i++) await authenticate(h.db, { login: code, password: "Wrong2026" }, from(here));
    expect((await authenticate(h.db, { login: code, password: "Secret2026" }, from(here))).ok).toBe(true);
  });

  it("never locks the owner out from their own address, however often a stranger fails with their login", async () => {
    const code = freshCreditCode();
    await registerEnterprise(h.db, enterpriseInput(code));
    const stranger = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const owner = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 7; i++) await authenticate(h.db, { login: code, password: "Guess2026" }, from(stranger));
    expect(await authenticate(h.db, { login: code, password: "Secret2026" }, from(stranger))).toMatchObject({ ok: false, reason: "locked" });
    expect((await authenticate(h.db, { login: code, password: "Secret2026" }, from(owner))).ok).toBe(true);
  });

  it("locks unknown login names the same way, revealing nothing", async () => {
    const ghost = freshCreditCode();
    const here = `2001:db8:${Math.floor(Math.random() * 65535).toString(16)}::9`;
    const reasons: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await authenticate(h.db, { login: ghost, password: "Wrong2026" }, from(here));
      reasons.push(r.ok ? "ok" : r.reason);
    }
    expect(reasons).toEqual(["invalidCredentials", "invalidCredentials", "invalidCredentials", "invalidCredentials", "locked"]);
  });

  it("does not let an inactive account in", async () => {
    const code = freshCreditCode();
    const { userId } = await registerEnterprise(h.db, enterpriseInput(code));
    await h.db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await authenticate(h.db, { login: code, password: "Secret2026" }, from("192.0.2.77"))).toEqual({ ok: false, reason: "invalidCredentials" });
  });
});
