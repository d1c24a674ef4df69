import { creditCodeAuthorities } from "./credit-code-authorities";

/**
 * Unified social credit code (GB 32100-2015): 18 characters.
 *   1      registration authority      2     entity category
 *   3–8    administrative division     9–17  organisation code (GB 11714: 8 body + 1 check)
 *   18     check character over 1–17
 */
export const creditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type CreditCodeCheck =
  | { check: "length"; actual: number }
  | { check: "charset"; position: number; char: string }
  | { check: "authority"; char: string }
  | { check: "category"; char: string }
  | { check: "division" }
  | { check: "organisationCode"; expected: string }
  | { check: "checkCharacter"; expected: string };

export interface CreditCodeValidation {
  valid: boolean;
  normalized: string;
  failedChecks: CreditCodeCheck[];
}

const table = creditCodeAuthorities;

function charValue(ch: string): number {
  return creditCodeCharset.indexOf(ch);
}

/** GB 32100 check character over the first 17 characters. */
export function computeCreditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += charValue(first17[i] ?? "") * (weights[i] ?? 0);
  const c = (31 - (sum % 31)) % 31;
  return creditCodeCharset[c] ?? "";
}

/** GB 11714 check character over the 8 body characters: digits as such, letters A=10 … Z=35. */
export function computeOrganisationCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i] ?? "0", 36) * (orgWeights[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/** Every check the code fails (empty when valid). Input is trimmed and upper-cased, nothing else. */
export function validateCreditCode(input: string): CreditCodeValidation {
  const normalized = input.trim().toUpperCase();
  const failedChecks: CreditCodeCheck[] = [];
  if (normalized.length !== 18) failedChecks.push({ check: "length", actual: normalized.length });
  [...normalized].forEach((ch, i) => {
    if (!creditCodeCharset.includes(ch)) failedChecks.push({ check: "charset", position: i + 1, char: ch });
  });
  if (failedChecks.length > 0) return { valid: false, normalized, failedChecks };

  const authority = table[normalized[0] ?? ""];
  if (!authority) failedChecks.push({ check: "authority", char: normalized[0] ?? "" });
  else if (!authority.categories[normalized[1] ?? ""]) failedChecks.push({ check: "category", char: normalized[1] ?? "" });
  // Division codes change over time: only the shape is checked, never membership of a list.
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) failedChecks.push({ check: "division" });
  const orgExpected = computeOrganisationCodeCheck(normalized.slice(8, 16));
  if (normalized[16] !== orgExpected) failedChecks.push({ check: "organisationCode", expected: orgExpected });
  const expected = computeCreditCodeCheck(normalized.slice(0, 17));
  if (normalized[17] !== expected) failedChecks.push({ check: "checkCharacter", expected });
  return { valid: failedChecks.length === 0, normalized, failedChecks };
}

export interface DecodedCreditCode {
  authority: { code: string; nameZh: string; nameEn: string };
  category: { code: string; nameZh: string; nameEn: string } | null;
  divisionCode: string;
  organisationCode: string;
}

/** The parts of a code; authority and category names from the GB 32100 table. */
export function decodeCreditCode(code: string): DecodedCreditCode | null {
  const c = code.trim().toUpperCase();
  const authority = table[c[0] ?? ""];
  if (c.length !== 18 || !authority) return null;
  const category = authority.categories[c[1] ?? ""];
  return {
    authority: { code: c[0] ?? "", nameZh: authority.nameZh, nameEn: authority.nameEn },
    category: category ? { code: c[1] ?? "", nameZh: category.nameZh, nameEn: category.nameEn } : null,
    divisionCode: c.slice(2, 8),
    organisationCode: `${c.slice(8, 16)}-${c[16] ?? ""}`,
  };
}

/** Builds a complete code with both check characters, e.g. when issuing a new one. */
export function buildCreditCode(parts: { authority: string; category: string; divisionCode: string; organisationBody: string }): string {
  const body = parts.organisationBody.toUpperCase();
  if (body.length !== 8 || [...body].some((ch) => !creditCodeCharset.includes(ch))) {
    throw new RangeError(`organisation code body must be 8 characters of the code charset: ${parts.organisationBody}`);
  }
  if (!/^\d{6}$/.test(parts.divisionCode)) throw new RangeError(`division code must be 6 digits: ${parts.divisionCode}`);
  const first17 = `${parts.authority}${parts.category}${parts.divisionCode}${body}${computeOrganisationCodeCheck(body)}`;
  return first17 + computeCreditCodeCheck(first17);
}
