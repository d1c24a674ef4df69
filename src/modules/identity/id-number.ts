/**
 * Resident identity number (GB 11643-1999): 6-digit division, 8-digit date of birth, 3-digit
 * sequence, and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = "10X98765432";

export type IdNumberCheck =
  | { check: "length"; actual: number }
  | { check: "charset"; position: number; char: string }
  | { check: "birthDate"; date: string }
  | { check: "checkCharacter"; expected: string };

export interface IdNumberValidation {
  valid: boolean;
  normalized: string;
  failedChecks: IdNumberCheck[];
}

export function computeIdNumberCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i] ?? 0) * (weights[i] ?? 0);
  return checkChars[sum % 11] ?? "";
}

function isRealPastDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return y >= 1900 && date.getTime() <= today.getTime();
}

/** Every check the number fails (empty when valid). Trimmed, and a lower-case x made upper. */
export function validateIdNumber(input: string, today: Date = new Date()): IdNumberValidation {
  const normalized = input.trim().toUpperCase();
  const failedChecks: IdNumberCheck[] = [];
  if (normalized.length !== 18) failedChecks.push({ check: "length", actual: normalized.length });
  [...normalized].forEach((ch, i) => {
    const ok = i === 17 ? /[0-9X]/.test(ch) : /[0-9]/.test(ch);
    if (!ok) failedChecks.push({ check: "charset", position: i + 1, char: ch });
  });
  if (failedChecks.length > 0) return { valid: false, normalized, failedChecks };
  const birth = normalized.slice(6, 14);
  if (!isRealPastDate(birth, today)) {
    failedChecks.push({ check: "birthDate", date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` });
  }
  const expected = computeIdNumberCheck(normalized.slice(0, 17));
  if (normalized[17] !== expected) failedChecks.push({ check: "checkCharacter", expected });
  return { valid: failedChecks.length === 0, normalized, failedChecks };
}

/** Shows the division and the last four characters only: 110105********002X. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : "******";
}
