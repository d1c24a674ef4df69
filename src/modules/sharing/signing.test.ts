import { describe, expect, it } from "vitest";
import { newSigningKeyPair, signFacts, verifyFacts, type SignedFacts } from "./signing";

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
