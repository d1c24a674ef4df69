import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditKey, auditSigningKey, keyEncryptionKey, MissingKeyError, readOrCreateKeyFile } from "./keys";

describe("local key files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tongban-keys-"));

  it("generates a key once into a 0600 file and never replaces it", () => {
    const file = path.join(dir, "nested", "audit-key");
    let made = 0;
    const make = () => `key-${(made += 1)}-${"x".repeat(32)}`;
    const first = readOrCreateKeyFile(file, true, make, "AUDIT_KEY");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateKeyFile(file, true, make, "AUDIT_KEY")).toBe(first);
    expect(made).toBe(1);
  });

  it("does not generate for a tool that only verifies, and refuses an emptied file", () => {
    expect(() => readOrCreateKeyFile(path.join(dir, "missing"), false, () => "k", "AUDIT_KEY")).toThrow(MissingKeyError);
    const empty = path.join(dir, "empty");
    writeFileSync(empty, "\n");
    expect(() => readOrCreateKeyFile(empty, true, () => "k", "AUDIT_KEY")).toThrow(/empty/);
    expect(readFileSync(empty, "utf8")).toBe("\n");
  });

  it("takes the keys from the environment when set (the tests' fixed keys)", () => {
    expect(auditKey().toString("utf8")).toBe(process.env.AUDIT_KEY);
    expect(auditSigningKey().privateKey.asymmetricKeyType).toBe("ed25519");
    expect(auditSigningKey().keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyEncryptionKey().key.equals(Buffer.from(process.env.KEY_ENCRYPTION_KEY ?? "", "base64"))).toBe(true);
    expect(keyEncryptionKey().id).toMatch(/^kek-[0-9a-f]{16}$/);
  });
});
