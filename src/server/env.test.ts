import { generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZEnv } from "./env";

const issues = (vars: Record<string, string>) => {
  const parsed = ZEnv.safeParse(vars);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."));
};

describe("the environment's keys and database role", () => {
  it("accepts well-formed keys and a role name", () => {
    const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const der = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    expect(
      issues({ AUDIT_KEY: "k".repeat(32), AUDIT_SIGNING_KEY: pem, KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"), DATABASE_ROLE: "tongban_app" }),
    ).toEqual([]);
    expect(issues({ AUDIT_SIGNING_KEY: der })).toEqual([]);
  });

  it("refuses a short audit key, a key that is not Ed25519, a KEK of the wrong size and a role name that is not plain", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(issues({ AUDIT_KEY: "short" })).toEqual(["AUDIT_KEY"]);
    expect(issues({ AUDIT_SIGNING_KEY: rsa })).toEqual(["AUDIT_SIGNING_KEY"]);
    expect(issues({ AUDIT_SIGNING_KEY: "not a key" })).toEqual(["AUDIT_SIGNING_KEY"]);
    expect(issues({ KEY_ENCRYPTION_KEY: randomBytes(16).toString("base64") })).toEqual(["KEY_ENCRYPTION_KEY"]);
    expect(issues({ DATABASE_ROLE: "app; drop table x" })).toEqual(["DATABASE_ROLE"]);
    expect(issues({ DATABASE_ROLE: "App" })).toEqual(["DATABASE_ROLE"]);
  });
});
