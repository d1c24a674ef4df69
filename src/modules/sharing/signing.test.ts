import { describe, expect, it } from "vitest";
import { newSigningKeyPair, signedInWindow, signFacts, verifyFacts, type SignedFacts } from "./signing";

const facts: SignedFacts = {
  number: "20260105000000001",
  typeCode: "businessLicence",
  holderCode: "91130102MA0TB00118",
  holderName: "石家庄通办示范商贸有限公司",
  issuerDepartmentCode: "market",
  issuedOn: "2026-01-05",
  validUntil: null,
  fields: { name: "石家庄通办示范商贸有限公司", businessScope: "日用百货销售" },
};

describe("certificate signatures", () => {
  const keys = newSigningKeyPair();
  const signature = signFacts(keys.privateKey, facts);

  it("verifies what was signed, whatever order the fields come back in", () => {
    const reordered = { ...facts, fields: { businessScope: "日用百货销售", name: "石家庄通办示范商贸有限公司" } };
    expect(verifyFacts(keys.publicKey, reordered, signature)).toBe(true);
  });

  it("fails when any fact is changed", () => {
    expect(verifyFacts(keys.publicKey, { ...facts, holderName: "石家庄另一家有限公司" }, signature)).toBe(false);
    expect(verifyFacts(keys.publicKey, { ...facts, fields: { ...facts.fields, businessScope: "食品销售" } }, signature)).toBe(false);
    expect(verifyFacts(keys.publicKey, { ...facts, validUntil: "2099-01-01" }, signature)).toBe(false);
  });

  it("fails under another department's key and on a malformed signature", () => {
    expect(verifyFacts(newSigningKeyPair().publicKey, facts, signature)).toBe(false);
    expect(verifyFacts(keys.publicKey, facts, "not base64 at all")).toBe(false);
  });
});

describe("key windows", () => {
  const validFrom = new Date("2026-01-01T00:00:00Z");
  const retiredAt = new Date("2026-07-01T00:00:00Z");

  it("counts a signature from the window's start up to, not including, its end", () => {
    expect(signedInWindow(validFrom, { validFrom, retiredAt })).toBe(true);
    expect(signedInWindow(new Date("2026-06-30T23:59:59.999Z"), { validFrom, retiredAt })).toBe(true);
    expect(signedInWindow(retiredAt, { validFrom, retiredAt })).toBe(false);
    expect(signedInWindow(new Date("2025-12-31T23:59:59.999Z"), { validFrom, retiredAt })).toBe(false);
  });

  it("keeps an active key's window open, and refuses a signature of unknown time", () => {
    expect(signedInWindow(new Date("2030-01-01T00:00:00Z"), { validFrom, retiredAt: null })).toBe(true);
    expect(signedInWindow(null, { validFrom, retiredAt: null })).toBe(false);
  });
});
