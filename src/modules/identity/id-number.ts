import { z } from "zod";

/**
 * Resident identity number (GB 11643-1999): 6-digit administrative division, 8-digit date of
 * birth (YYYYMMDD), 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0–9 or X).
 *
 * Pure and client-safe: no server, framework or database imports.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = "10X98765432";
/** Mainland China (UTC+8, no daylight saving): "today" for the not-in-the-future rule. */
const chinaOffsetMs = 8 * 60 * 60 * 1000;

export type CheckLocale = "zh-CN" | "en";

/** ISO 7064 MOD 11-2 check character over the first 17 characters (which must be digits). */
export function computeIdNumberCheck(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  return checkChars[sum % 11] ?? "";
}

/** The checks an ID number can fail, in the order they are reported. */
export const idNumberCheckCodes = ["length", "charset", "birthDate", "checkCharacter"] as const;
export type IdNumberCheckCode = (typeof idNumberCheckCodes)[number];

/** Why a date of birth is rejected. */
export type BirthDateProblem = "notADate" | "future" | "before1900";

/**
 * One failed check with what a message needs. Positions are 1-based. `check` is the message key
 * suffix (`validation.idNumber.<check>`); the other string/number fields are its parameters.
 */
export type IdNumberCheck =
  | { check: "length"; actual: number; expected: 18 }
  | { check: "charset"; position: number; char: string }
  | { check: "birthDate"; from: 7; to: 14; date: string; reason: BirthDateProblem }
  | { check: "checkCharacter"; position: 18; expected: string; actual: string };

export interface IdNumberValidation {
  valid: boolean;
  normalized: string;
  failedChecks: IdNumberCheck[];
}

/** Trims surrounding white space and makes a lower-case x upper-case; changes nothing else. */
export function normalizeIdNumber(input: string): string {
  return input.trim().replaceAll("x", "X");
}

function birthDateProblem(yyyymmdd: string, today: Date): BirthDateProblem | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y); // avoids Date.UTC's 0–99 → 1900–1999 mapping
  if (m < 1 || m > 12 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return "notADate";
  if (y < 1900) return "before1900";
  const todayInChina = new Date(today.getTime() + chinaOffsetMs).toISOString().slice(0, 10).replaceAll("-", "");
  if (yyyymmdd > todayInChina) return "future";
  return null;
}

/**
 * Validates a resident ID number and reports every failed check (empty when valid).
 *
 * Positions 1–17 must be digits and the last character a digit or X. When the length is not 18
 * only `length` and `charset` are reported (later positions would be shifted). The date of
 * birth is checked when positions 7–14 are digits: a real calendar date, year 1900 or later,
 * and not after `today` in China's time zone. The check character is checked when the charset
 * is right.
 */
export function validateIdNumber(input: string, today: Date = new Date()): IdNumberValidation {
  const normalized = normalizeIdNumber(input);
  const chars = Array.from(normalized);
  const failedChecks: IdNumberCheck[] = [];

  if (chars.length !== 18) failedChecks.push({ check: "length", actual: chars.length, expected: 18 });
  chars.forEach((ch, i) => {
    const ok = /^\d$/.test(ch) || (ch === "X" && i === chars.length - 1);
    if (!ok) failedChecks.push({ check: "charset", position: i + 1, char: ch });
  });
  if (chars.length !== 18) return { valid: false, normalized, failedChecks };

  const birth = chars.slice(6, 14).join("");
  if (/^\d{8}$/.test(birth)) {
    const reason = birthDateProblem(birth, today);
    if (reason) {
      failedChecks.push({ check: "birthDate", from: 7, to: 14, date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`, reason });
    }
  }
  if (!failedChecks.some((f) => f.check === "charset")) {
    const expected = computeIdNumberCheck(normalized.slice(0, 17));
    const actual = normalized.slice(17);
    if (actual !== expected) failedChecks.push({ check: "checkCharacter", position: 18, expected, actual });
  }
  return { valid: failedChecks.length === 0, normalized, failedChecks };
}

/** Shows the division and the last four characters only: 110105********002X. */
export function maskIdNumber(idNumber: string): string {
  const id = normalizeIdNumber(idNumber);
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : "******";
}

/** Message key and parameters for a failed check, for the app's message catalogues. */
export function idNumberCheckMessage(check: IdNumberCheck): { key: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(check)) {
    if (k !== "check" && (typeof v === "string" || typeof v === "number")) params[k] = v;
  }
  return { key: `validation.idNumber.${check.check}`, params };
}

function quoteChar(ch: string, locale: CheckLocale): string {
  if (/^\s$/u.test(ch)) return locale === "zh-CN" ? "空格" : "a space";
  return `“${ch}”`;
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** A human sentence saying what is wrong and what to fix, in Simplified Chinese or English. */
export function describeCheck(check: IdNumberCheck, locale: CheckLocale): string {
  const zh = locale === "zh-CN";
  switch (check.check) {
    case "length":
      if (check.actual === 0) return zh ? "请填写 18 位居民身份证号码。" : "Enter the 18-character resident ID number.";
      return zh
        ? `居民身份证号码应为 18 位，现在是 ${check.actual} 位，请核对是否漏填或多填。`
        : `A resident ID number has 18 characters; this one has ${check.actual}. Check for a missing or extra character.`;
    case "charset":
      return zh
        ? `第 ${check.position} 位${quoteChar(check.char, locale)}无效：前 17 位只能是数字，最后一位是数字或 X。`
        : `The ${ordinal(check.position)} character, ${quoteChar(check.char, locale)}, is not allowed: the first 17 characters are digits and the last is a digit or X.`;
    case "birthDate": {
      const problem = {
        notADate: zh ? "不是有效日期" : "is not a real date",
        future: zh ? "晚于今天" : "is after today",
        before1900: zh ? "早于 1900 年" : "is before 1900",
      }[check.reason];
      return zh
        ? `第 7 至 14 位的出生日期 ${check.date} ${problem}，请核对。`
        : `The date of birth in characters 7 to 14, ${check.date}, ${problem}; check it.`;
    }
    case "checkCharacter":
      return zh
        ? `第 18 位校验码不对：应为 ${check.expected}，现在是 ${check.actual}。请逐位核对号码是否抄错。`
        : `The 18th character, the check character, should be ${check.expected}, not ${check.actual}. Check every digit for a typing mistake.`;
  }
}

/** Alias of describeCheck for modules that also import the credit code helpers. */
export const describeIdNumberCheck = describeCheck;

/**
 * A resident ID number as a zod string schema: trims and upper-cases x, then adds one custom
 * issue per failed check (in reporting order, so the first issue is the first failure). Each
 * issue's message is the zh-CN sentence from describeCheck; its `params` carry the check code
 * and parameters ({ check, ...fields }) so clients can localise. Dates are judged against the
 * time of parsing.
 */
export const ZIdNumber = z
  .string()
  .overwrite(normalizeIdNumber)
  .superRefine((value, ctx) => {
    for (const failed of validateIdNumber(value).failedChecks) {
      ctx.addIssue({ code: "custom", message: describeCheck(failed, "zh-CN"), params: { ...failed } });
    }
  });

/** The date of birth an 18-character ID number encodes (positions 7–14), as YYYY-MM-DD. */
export function idNumberBirthDate(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** GB 11643: the sequence code's last digit (position 17) is odd for men and even for women. */
export function idNumberSex(idNumber: string): "male" | "female" {
  return Number(idNumber[16]) % 2 === 1 ? "male" : "female";
}
