import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { registeredPerson, withDemo } from "@/root/testing/fixtures";
import { memoryLimiters, postgresLimiters, signInThrottle } from "@/server/rate-limit";
import { authenticate, type SignInThrottle } from "./authenticate";
import { computeIdNumberCheck } from "./id-number";
import { ZRegisterCitizenInput } from "./inputs";
import { registerCitizen } from "./register-citizen";
import { citizens, users } from "./schema";

const { h } = await withDemo();

function freshIdNumber(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const first17 = `130102${1950 + Math.floor(Math.random() * 50)}07${day}${seq}`;
  return first17 + computeIdNumberCheck(first17);
}

/** A citizen account of a person in the population register; the password is Secret2026. */
async function citizenAccount(): Promise<{ login: string; userId: string }> {
  const person = await registeredPerson(h.db, "郑测试");
  const { userId, login } = await registerCitizen(
    h.db,
    ZRegisterCitizenInput.parse({ ...person, phone: "13900000009", password: "Secret2026", confirmPassword: "Secret2026" }),
  );
  return { userId, login };
}

describe("registerCitizen", () => {
  it("registers once; the same ID number again is a conflict on its field", async () => {
    const { idNumber } = await registeredPerson(h.db, "郑测试");
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
    const { login: code } = await citizenAccount();
    const here = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const wrong = await authenticate(h.db, { login: code, password: "Wrong2026" }, from(here));
    const unknown = await authenticate(h.db, { login: freshIdNumber(), password: "Wrong2026" }, from(here));
    expect(wrong).toEqual({ ok: false, reason: "invalidCredentials" });
    expect(unknown).toEqual({ ok: false, reason: "invalidCredentials" });
  });

  it("locks the address and login pair after five failures for fifteen minutes, even with the right password, then lets in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = new Date("2026-03-02T09:00:00+08:00");
    vi.setSystemTime(t0);
    const { login: code } = await citizenAccount();
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
    const { login: code } = await citizenAccount();
    const stranger = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const owner = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 7; i++) await authenticate(h.db, { login: code, password: "Guess2026" }, from(stranger));
    expect(await authenticate(h.db, { login: code, password: "Secret2026" }, from(stranger))).toMatchObject({ ok: false, reason: "locked" });
    expect((await authenticate(h.db, { login: code, password: "Secret2026" }, from(owner))).ok).toBe(true);
  });

  it("locks unknown login names the same way, revealing nothing", async () => {
    const ghost = freshIdNumber();
    const here = `2001:db8:${Math.floor(Math.random() * 65535).toString(16)}::9`;
    const reasons: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await authenticate(h.db, { login: ghost, password: "Wrong2026" }, from(here));
      reasons.push(r.ok ? "ok" : r.reason);
    }
    expect(reasons).toEqual(["invalidCredentials", "invalidCredentials", "invalidCredentials", "invalidCredentials", "locked"]);
  });

  it("does not let an inactive account in", async () => {
    const { login: code, userId } = await citizenAccount();
    await h.db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await authenticate(h.db, { login: code, password: "Secret2026" }, from("192.0.2.77"))).toEqual({ ok: false, reason: "invalidCredentials" });
  });
});
