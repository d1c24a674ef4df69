import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/server/db/client";
import { testDatabase } from "@/server/testing/database";
import { ensureDemo, registeredPerson } from "@/server/testing/fixtures";
import { authenticate } from "./authenticate";
import { computeIdNumberCheck } from "./id-number";
import { ZRegisterCitizenInput } from "./inputs";
import { registerCitizen } from "./register-citizen";
import { citizens, users } from "./schema";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
  await ensureDemo(h.db);
});

function freshIdNumber(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const first17 = `130102${1950 + Math.floor(Math.random() * 50)}07${day}${seq}`;
  return first17 + computeIdNumberCheck(first17);
}

/** A citizen account of a person in the population register; the password is Secret2026. */
async function citizenAccount(): Promise<{ login: string; userId: string }> {
  const person = await registeredPerson(h.db, "郑测试");
  const { userId, login } = await registerCitizen(h.db, ZRegisterCitizenInput.parse({ ...person, phone: "13900000009", password: "Secret2026", confirmPassword: "Secret2026" }));
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
  it("gives the same answer for an unknown account and a wrong password", async () => {
    const { login: code } = await citizenAccount();
    const wrong = await authenticate(h.db, { login: code, password: "Wrong2026" });
    const unknown = await authenticate(h.db, { login: freshIdNumber(), password: "Wrong2026" });
    expect(wrong).toEqual({ ok: false, reason: "invalidCredentials" });
    expect(unknown).toEqual({ ok: false, reason: "invalidCredentials" });
  });

  it("locks after five failures for fifteen minutes, even with the right password, then lets in", async () => {
    const { login: code } = await citizenAccount();
    const t0 = new Date("2026-03-02T09:00:00+08:00");
    for (let i = 1; i <= 4; i++) {
      expect(await authenticate(h.db, { login: code, password: "Wrong2026" }, t0)).toEqual({ ok: false, reason: "invalidCredentials" });
    }
    const fifth = await authenticate(h.db, { login: code, password: "Wrong2026" }, t0);
    expect(fifth).toMatchObject({ ok: false, reason: "locked" });
    const during = await authenticate(h.db, { login: code, password: "Secret2026" }, new Date(t0.getTime() + 14 * 60_000));
    expect(during).toMatchObject({ ok: false, reason: "locked" });
    const after = await authenticate(h.db, { login: code, password: "Secret2026" }, new Date(t0.getTime() + 15 * 60_000 + 1));
    expect(after.ok).toBe(true);
    // A success clears the count: four more failures do not lock.
    for (let i = 1; i <= 4; i++) await authenticate(h.db, { login: code, password: "Wrong2026" }, t0);
    expect((await authenticate(h.db, { login: code, password: "Secret2026" }, t0)).ok).toBe(true);
  });

  it("locks unknown login names the same way, revealing nothing", async () => {
    const ghost = freshIdNumber();
    const t0 = new Date("2026-03-02T09:00:00+08:00");
    const reasons: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await authenticate(h.db, { login: ghost, password: "Wrong2026" }, t0);
      reasons.push(r.ok ? "ok" : r.reason);
    }
    expect(reasons).toEqual(["invalidCredentials", "invalidCredentials", "invalidCredentials", "invalidCredentials", "locked"]);
  });

  it("does not let an inactive account in", async () => {
    const { login: code, userId } = await citizenAccount();
    await h.db.update(users).set({ active: false }).where(eq(users.id, userId));
    expect(await authenticate(h.db, { login: code, password: "Secret2026" })).toEqual({ ok: false, reason: "invalidCredentials" });
  });
});
