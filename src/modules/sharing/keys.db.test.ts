import { generateKeyPairSync, randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/modules/audit/schema";
import { certificateTypes } from "@/modules/catalog/schema";
import { departments } from "@/modules/identity/schema";
import type { Actor } from "@/modules/identity/model";
import type { DatabaseHandle, Db } from "@/server/db/client";
import { EnvelopeError, open } from "@/server/envelope";
import { kekId, keyEncryptionKey } from "@/server/keys";
import { testDatabase, uniqueSuffix } from "@/root/testing/database";
import { publicKeys, verifyCertificate } from "./gate";
import { countPlaintextKeys, issueCertificate, rotateDepartmentKey, rotateKeyOfDepartment, sealPlaintextKeys } from "./registry";
import { certificates, departmentKeys } from "./registry-schema";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
});

/**
 * A department of its own with a certificate type it issues, so rotating its key touches no
 * other test. Made inside the test's rolled-back transaction (see `scenario`): on PostgreSQL the
 * test files share one database, and others count the demo's departments and certificate types.
 */
async function department(db: Db) {
  const code = `keys${uniqueSuffix()}`.toLowerCase();
  const [d] = await db
    .insert(departments)
    .values({ code, nameZh: `测试部门${code}`, nameEn: `Test ${code}`, divisionCode: "130000" })
    .returning({ id: departments.id });
  await db
    .insert(certificateTypes)
    .values({
      code: `${code}Licence`,
      nameZh: "测试许可证",
      nameEn: "Test licence",
      issuerDepartmentId: d!.id,
      fields: [{ key: "name", nameZh: "名称", nameEn: "Name", type: "text", source: { registry: "holderName" }, shared: true }],
    });
  const issue = (clock?: Date) =>
    db.transaction((tx) =>
      issueCertificate(
        tx,
        {
          typeCode: `${code}Licence`,
          holderCode: "91130102MA0TB00118",
          holderName: "石家庄通办示范商贸有限公司",
          answers: {},
          sourceApplicationId: null,
          issuedOn: "2026-03-02",
        },
        clock,
      ),
    );
  return { id: d!.id, code, issue };
}

const keysOf = (db: Db, departmentId: string) =>
  db.select().from(departmentKeys).where(eq(departmentKeys.departmentId, departmentId)).orderBy(asc(departmentKeys.validFrom));

/** Runs `fn` in a transaction (a savepoint inside `db`'s) that is always rolled back. */
async function rolledBack(fn: (tx: Db) => Promise<void>, db: Db = h.db): Promise<void> {
  const marker = new Error("rollback");
  await expect(
    db.transaction(async (tx) => {
      await fn(tx);
      throw marker;
    }),
  ).rejects.toBe(marker);
}

/** A test's whole scenario, rolled back: its department, keys and certificates are never seen by other tests. */
const scenario = (fn: (db: Db) => Promise<void>) => () => rolledBack(fn);

async function signatureOf(db: Db, number: string) {
  const view = await verifyCertificate(db, number);
  if (!view) throw new Error("no certificate");
  return view.signature;
}

describe("department signing keys at rest", () => {
  it(
    "stores the private key sealed under the KEK: no PEM, no plaintext, and a wrong KEK does not open it",
    scenario(async (db) => {
      const d = await department(db);
      const cert = await d.issue();
      const [key] = await keysOf(db, d.id);
      if (!key) throw new Error("no key");
      expect(key.privateKey).toBeNull();
      expect(key.kekId).toBe(keyEncryptionKey().id);
      const stored = JSON.stringify(key);
      expect(stored).not.toContain("PRIVATE KEY");
      const sealed = {
        ciphertext: key.sealedPrivateKey!,
        nonce: key.privateKeyNonce!,
        tag: key.privateKeyTag!,
        wrappedKey: key.wrappedDataKey!,
        kekId: key.kekId!,
      };
      // The right KEK opens a PKCS #8 Ed25519 key whose bytes appear nowhere in the row.
      const der = open(sealed, keyEncryptionKey(), `department_keys:${key.id}`);
      expect(der.length).toBe(48);
      expect(stored).not.toContain(der.toString("base64"));
      expect(stored).not.toContain(der.toString("hex"));
      // A wrong KEK under the same id, or a KEK that is not configured, opens nothing.
      expect(() => open(sealed, { id: key.kekId!, key: randomBytes(32) }, `department_keys:${key.id}`)).toThrow(EnvelopeError);
      const other = randomBytes(32);
      expect(() => open(sealed, { id: kekId(other), key: other }, `department_keys:${key.id}`)).toThrow(/not configured/);
      // Sealed to its row: copied onto another key's row it does not open.
      expect(() => open(sealed, keyEncryptionKey(), "department_keys:00000000-0000-0000-0000-000000000000")).toThrow(EnvelopeError);
      expect((await signatureOf(db, cert.number)).valid).toBe(true);
    }),
  );

  it(
    "seals a key stored in plaintext by an earlier version, once, and signs with it",
    scenario(async (db) => {
      const d = await department(db);
      const pair = generateKeyPairSync("ed25519");
      const pem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      // Rolled back with the scenario, so other test files' start-up sealing (each migrate seals) never sees the row.
      await rolledBack(async (tx) => {
        // As an earlier version stored it: the PEM in private_key, nothing sealed.
        await tx
          .insert(departmentKeys)
          .values({
            departmentId: d.id,
            publicKey: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
            privateKey: pem,
            validFrom: new Date(Date.now() - 60_000),
          });
        expect(await countPlaintextKeys(tx)).toBe(1);
        expect(await sealPlaintextKeys(tx)).toBe(1);
        expect(await sealPlaintextKeys(tx)).toBe(0);
        expect(await countPlaintextKeys(tx)).toBe(0);
        const [key] = await keysOf(tx, d.id);
        expect(key?.privateKey).toBeNull();
        expect(key?.sealedPrivateKey).toBeTruthy();
        expect(JSON.stringify(key)).not.toContain("PRIVATE KEY");
        const cert = await issueCertificate(tx, {
          typeCode: `${d.code}Licence`,
          holderCode: "91130102MA0TB00118",
          holderName: "示范",
          answers: {},
          sourceApplicationId: null,
          issuedOn: "2026-03-02",
        });
        const [row] = await tx.select({ keyId: certificates.signingKeyId }).from(certificates).where(eq(certificates.number, cert.number));
        expect(row?.keyId).toBe(key?.id);
        expect((await verifyCertificate(tx, cert.number))?.signature.valid).toBe(true);
      }, db);
    }),
  );
});

describe("key rotation with validity windows", () => {
  it(
    "retires the active key at the moment a new one starts, destroys its private half, and audits it",
    scenario(async (db) => {
      const d = await department(db);
      const before = await d.issue();
      const now = new Date(Date.now() + 1000);
      const rotated = await rotateDepartmentKey(db, d.id, now, { userId: "00000000-0000-4000-8000-000000000001", role: "dataOffice" });
      const [old, current] = await keysOf(db, d.id);
      expect(rotated).toMatchObject({ departmentCode: d.code, keyId: current?.id, retiredKeyId: old?.id });
      expect(old?.retiredAt?.getTime()).toBe(now.getTime());
      expect(current?.validFrom.getTime()).toBe(now.getTime());
      expect(current?.retiredAt).toBeNull();
      expect(old?.sealedPrivateKey).toBeNull();
      expect(old?.wrappedDataKey).toBeNull();
      const [audited] = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.streamId, "keys"), eq(auditEvents.entityId, current!.id)));
      expect(audited).toMatchObject({ action: "departmentKey.rotate", actorRole: "dataOffice", fromState: old?.id, toState: current?.id });

      // A retired key still verifies what it signed while it was valid; new certificates use the new key.
      expect(await signatureOf(db, before.number)).toMatchObject({ valid: true, inKeyWindow: true, keyId: old?.id });
      const after = await d.issue(new Date(now.getTime() + 1000));
      expect(await signatureOf(db, after.number)).toMatchObject({ valid: true, inKeyWindow: true, keyId: current?.id });

      // The published keys show each key's window.
      const published = (await publicKeys(db)).filter((k) => k.departmentCode === d.code);
      expect(published.map((k) => ({ keyId: k.keyId, validFrom: k.validFrom.getTime(), retiredAt: k.retiredAt?.getTime() ?? null }))).toEqual([
        { keyId: old!.id, validFrom: old!.validFrom.getTime(), retiredAt: now.getTime() },
        { keyId: current!.id, validFrom: now.getTime(), retiredAt: null },
      ]);
      expect(JSON.stringify(published)).not.toContain("PRIVATE KEY");
    }),
  );

  it(
    "refuses a signature by a key outside its window: after its retirement, or before it was valid",
    scenario(async (db) => {
      const d = await department(db);
      const cert = await d.issue();
      const now = new Date(Date.now() + 1000);
      await rotateDepartmentKey(db, d.id, now);
      expect((await signatureOf(db, cert.number)).valid).toBe(true);
      await rolledBack(async (tx) => {
        // Signed by the retired key after its retirement (the signature itself is genuine).
        await tx
          .update(certificates)
          .set({ signedAt: new Date(now.getTime() + 60_000) })
          .where(eq(certificates.number, cert.number));
        const late = await verifyCertificate(tx, cert.number);
        expect(late?.signature).toMatchObject({ present: true, valid: false, inKeyWindow: false });
        // …or before the key's window opened.
        await tx
          .update(certificates)
          .set({ signedAt: new Date(0) })
          .where(eq(certificates.number, cert.number));
        expect((await verifyCertificate(tx, cert.number))?.signature).toMatchObject({ valid: false, inKeyWindow: false });
        // …or at no known time.
        await tx.update(certificates).set({ signedAt: null }).where(eq(certificates.number, cert.number));
        expect((await verifyCertificate(tx, cert.number))?.signature.valid).toBe(false);
      }, db);
      expect((await signatureOf(db, cert.number)).valid).toBe(true);
    }),
  );

  it(
    "never closes a window before a signature the key already made, so rotating with a late clock keeps them valid",
    scenario(async (db) => {
      const d = await department(db);
      const cert = await d.issue();
      const [{ signedAt } = { signedAt: null }] = await db
        .select({ signedAt: certificates.signedAt })
        .from(certificates)
        .where(eq(certificates.number, cert.number));
      // A node whose clock is an hour behind rotates.
      await rotateDepartmentKey(db, d.id, new Date(Date.now() - 3600_000));
      const [old, current] = await keysOf(db, d.id);
      expect(old?.retiredAt?.getTime()).toBe(signedAt!.getTime() + 1);
      expect(current?.validFrom.getTime()).toBe(old?.retiredAt?.getTime());
      expect((await signatureOf(db, cert.number)).valid).toBe(true);
      // And the next certificate is signed inside the new key's window, whatever the clock says.
      const next = await d.issue(new Date(Date.now() - 7200_000));
      expect(await signatureOf(db, next.number)).toMatchObject({ valid: true, keyId: current?.id });
    }),
  );

  it(
    "rotates twice in a row and keeps every key's window apart",
    scenario(async (db) => {
      const d = await department(db);
      await d.issue();
      const t1 = new Date(Date.now() + 1000);
      const t2 = new Date(Date.now() + 2000);
      await rotateDepartmentKey(db, d.id, t1);
      await rotateDepartmentKey(db, d.id, t2);
      const keys = await keysOf(db, d.id);
      expect(keys).toHaveLength(3);
      expect(keys.filter((k) => k.retiredAt === null)).toHaveLength(1);
      expect(keys.map((k) => k.retiredAt?.getTime() ?? null)).toEqual([t1.getTime(), t2.getTime(), null]);
      expect(keys.slice(1).map((k) => k.validFrom.getTime())).toEqual([t1.getTime(), t2.getTime()]);
      expect(keys.filter((k) => k.sealedPrivateKey !== null)).toHaveLength(1);
      const count = await db.execute(
        sql`select count(*)::int as n from department_keys where department_id = ${d.id} and retired_at is not null and (sealed_private_key is not null or private_key is not null)`,
      );
      expect((count as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(0);
    }),
  );

  it(
    "lets only the data office rotate from its page, by department code",
    scenario(async (db) => {
      const d = await department(db);
      await d.issue();
      const as = (role: Actor["role"]): Actor => ({
        userId: "00000000-0000-4000-8000-000000000001",
        role,
        displayName: "测试",
        departmentId: d.id,
        entityId: null,
        personId: null,
        agency: null,
      });
      await expect(rotateKeyOfDepartment(db, as("reviewer"), { departmentCode: d.code })).rejects.toMatchObject({ code: "forbidden" });
      await expect(rotateKeyOfDepartment(db, as("dataOffice"), { departmentCode: "noSuchDepartment" })).rejects.toMatchObject({ code: "notFound" });
      const rotated = await rotateKeyOfDepartment(db, as("dataOffice"), { departmentCode: d.code });
      const keys = await keysOf(db, d.id);
      expect(keys).toHaveLength(2);
      expect(rotated.keyId).toBe(keys.find((k) => k.retiredAt === null)?.id);
    }),
  );
});
