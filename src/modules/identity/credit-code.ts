import { z } from "zod";
import { creditCodeAuthorityData as rawAuthorities } from "./credit-code-authorities";

/**
 * Unified social credit code (GB 32100-2015): 18 characters.
 *   1      registration authority code   2     entity category code
 *   3–8    administrative division code  9–17  organisation code (GB 11714: 8 body + 1 check)
 *   18     GB 32100 check character over positions 1–17
 *
 * Pure and client-safe: no server, framework or database imports.
 */

/** The 31 characters a credit code may use: digits and capital letters except I, O, S, V, Z. */
export const creditCodeCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const codeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type CheckLocale = "zh-CN" | "en";

// ---------------------------------------------------------------------------------------------
// Registration authority / entity category table (data in credit-code-authorities.ts)
// ---------------------------------------------------------------------------------------------

export interface CodeName {
  nameZh: string;
  nameEn: string;
}
export interface CreditCodeAuthority extends CodeName {
  categories: Readonly<Record<string, CodeName>>;
}

const ZCodeName = z.object({ nameZh: z.string().min(1), nameEn: z.string().min(1) });
const ZAuthorityTable = z
  .object({ _source: z.string().min(1) })
  .catchall(ZCodeName.extend({ categories: z.record(z.string().regex(/^[0-9A-Z]$/), ZCodeName) }));

// Parsed once at load time, so a broken data file fails loudly instead of validating wrongly.
const parsedAuthorities = ZAuthorityTable.parse(rawAuthorities);

/** Where the authority/category table comes from (the `_source` field of the JSON). */
export const creditCodeAuthoritySource: string = parsedAuthorities._source;

/** Registration authorities by their code (position 1), each with its entity categories (position 2). */
export const creditCodeAuthorities: Readonly<Record<string, CreditCodeAuthority>> = Object.freeze(
  Object.fromEntries(
    Object.entries(parsedAuthorities).flatMap(([code, value]) => {
      if (code.startsWith("_") || typeof value === "string") return [];
      if (code.length !== 1 || !creditCodeCharset.includes(code)) throw new Error(`credit-code-authorities.ts: bad authority code ${code}`);
      for (const c of Object.keys(value.categories)) {
        if (!creditCodeCharset.includes(c)) throw new Error(`credit-code-authorities.ts: bad category code ${code}${c}`);
      }
      return [[code, value] as const];
    }),
  ),
);

function authorityOf(code: string): CreditCodeAuthority | undefined {
  return Object.hasOwn(creditCodeAuthorities, code) ? creditCodeAuthorities[code] : undefined;
}
function categoryOf(authority: CreditCodeAuthority, code: string): CodeName | undefined {
  return Object.hasOwn(authority.categories, code) ? authority.categories[code] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Check characters
// ---------------------------------------------------------------------------------------------

function charValue(ch: string): number {
  return ch.length === 1 ? creditCodeCharset.indexOf(ch) : -1;
}

/** GB 32100 check character over the first 17 characters (which must all be from the charset). */
export function computeCreditCodeCheck(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(first17[i] ?? "");
    if (v < 0) throw new RangeError(`character ${i + 1} is not in the credit code charset: ${first17}`);
    sum += v * (codeWeights[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return creditCodeCharset[c] ?? "";
}

/**
 * GB 11714 check character over an 8-character organisation code body: digits count as their
 * value, letters A=10 … Z=35. Result 0–9 or X.
 */
export function computeOrganisationCodeCheck(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new RangeError(`expected 8 digits or capital letters, got ${body8}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i] ?? "0", 36) * (organisationWeights[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** The checks a credit code can fail, in the order they are reported. */
export const creditCodeCheckCodes = ["length", "charset", "authority", "category", "division", "organisationCode", "checkCharacter"] as const;
export type CreditCodeCheckCode = (typeof creditCodeCheckCodes)[number];

/**
 * One failed check with what a message needs. Positions are 1-based. `check` is the message key
 * suffix (`validation.creditCode.<check>`); the other string/number fields are its parameters.
 */
export type CreditCodeCheck =
  | { check: "length"; actual: number; expected: 18 }
  | { check: "charset"; position: number; char: string }
  | { check: "authority"; position: 1; char: string }
  | { check: "category"; position: 2; char: string; authority: string }
  | { check: "division"; from: 3; to: 8; value: string }
  | { check: "organisationCode"; position: 17; expected: string; actual: string }
  | { check: "checkCharacter"; position: 18; expected: string; actual: string };

export interface CreditCodeValidation {
  valid: boolean;
  normalized: string;
  failedChecks: CreditCodeCheck[];
}

/** Trims surrounding white space and upper-cases ASCII letters; changes nothing else. */
export function normalizeCreditCode(input: string): string {
  return input.trim().replace(/[a-z]/g, (c) => c.toUpperCase());
}

/**
 * Validates a credit code and reports every failed check (empty when valid).
 *
 * When the length is not 18 only `length` and `charset` are reported: a missing or extra
 * character shifts every later position, so positional checks would blame the wrong part.
 * Otherwise a check runs only when every character it reads is in the charset (a bad character
 * is already reported by `charset`). Unknown but well-formed division codes are accepted,
 * because division codes change over time.
 */
export function validateCreditCode(input: string): CreditCodeValidation {
  const normalized = normalizeCreditCode(input);
  const chars = Array.from(normalized);
  const failedChecks: CreditCodeCheck[] = [];

  if (chars.length !== 18) failedChecks.push({ check: "length", actual: chars.length, expected: 18 });
  chars.forEach((ch, i) => {
    if (charValue(ch) < 0) failedChecks.push({ check: "charset", position: i + 1, char: ch });
  });
  if (chars.length !== 18) return { valid: false, normalized, failedChecks };

  const ok = (from: number, to: number) => chars.slice(from - 1, to).every((ch) => charValue(ch) >= 0);
  const at = (position: number) => chars[position - 1] ?? "";
  const span = (from: number, to: number) => chars.slice(from - 1, to).join("");

  if (ok(1, 1)) {
    const authority = authorityOf(at(1));
    if (!authority) failedChecks.push({ check: "authority", position: 1, char: at(1) });
    else if (ok(2, 2) && !categoryOf(authority, at(2))) {
      failedChecks.push({ check: "category", position: 2, char: at(2), authority: at(1) });
    }
  }
  if (ok(3, 8) && !/^\d{6}$/.test(span(3, 8))) failedChecks.push({ check: "division", from: 3, to: 8, value: span(3, 8) });
  if (ok(9, 17)) {
    const expected = computeOrganisationCodeCheck(span(9, 16));
    if (at(17) !== expected) failedChecks.push({ check: "organisationCode", position: 17, expected, actual: at(17) });
  }
  if (ok(1, 18)) {
    const expected = computeCreditCodeCheck(span(1, 17));
    if (at(18) !== expected) failedChecks.push({ check: "checkCharacter", position: 18, expected, actual: at(18) });
  }
  return { valid: failedChecks.length === 0, normalized, failedChecks };
}

// ---------------------------------------------------------------------------------------------
// Decoding and building
// ---------------------------------------------------------------------------------------------

export interface DecodedCreditCode {
  authority: { code: string } & CodeName;
  category: { code: string } & CodeName;
  /** Positions 3–8; the caller looks up division names (codes change over time). */
  divisionCode: string;
  /** Positions 9–17, the GB 11714 organisation code without separator, e.g. "M000100Y4". */
  organisationCode: string;
  /** The organisation code as printed on old certificates, e.g. "M000100Y-4". */
  organisationCodeFormatted: string;
}

/**
 * The parts of a code, with authority and category names from the GB 32100 table. Returns null
 * when the code cannot be decoded: wrong length, a character outside the charset, or an unknown
 * authority or category. Check characters are not verified here; use validateCreditCode.
 */
export function decodeCreditCode(code: string): DecodedCreditCode | null {
  const c = normalizeCreditCode(code);
  if (c.length !== 18 || Array.from(c).some((ch) => charValue(ch) < 0)) return null;
  const a = c.slice(0, 1);
  const k = c.slice(1, 2);
  const authority = authorityOf(a);
  const category = authority && categoryOf(authority, k);
  if (!authority || !category) return null;
  return {
    authority: { code: a, nameZh: authority.nameZh, nameEn: authority.nameEn },
    category: { code: k, nameZh: category.nameZh, nameEn: category.nameEn },
    divisionCode: c.slice(2, 8),
    organisationCode: c.slice(8, 17),
    organisationCodeFormatted: `${c.slice(8, 16)}-${c.slice(16, 17)}`,
  };
}

export interface CreditCodeParts {
  /** Registration authority code (position 1), e.g. "9". */
  authority: string;
  /** Entity category code (position 2), e.g. "1". */
  category: string;
  /** 6-digit administrative division code. */
  divisionCode: string;
  /** 8-character organisation code body from the charset; its GB 11714 check is computed. */
  organisationBody: string;
}

/** Builds a complete code with both check characters, e.g. when issuing a new one. */
export function buildCreditCode(parts: CreditCodeParts): string {
  const authority = authorityOf(parts.authority);
  if (!authority) throw new RangeError(`unknown registration authority code: ${parts.authority}`);
  if (!categoryOf(authority, parts.category)) {
    throw new RangeError(`unknown entity category ${parts.category} for authority ${parts.authority}`);
  }
  if (!/^\d{6}$/.test(parts.divisionCode)) throw new RangeError(`division code must be 6 digits: ${parts.divisionCode}`);
  const body = parts.organisationBody.toUpperCase();
  if (body.length !== 8 || Array.from(body).some((ch) => charValue(ch) < 0)) {
    throw new RangeError(`organisation code body must be 8 characters of the code charset: ${parts.organisationBody}`);
  }
  const first17 = `${parts.authority}${parts.category}${parts.divisionCode}${body}${computeOrganisationCodeCheck(body)}`;
  return first17 + computeCreditCodeCheck(first17);
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** Message key and parameters for a failed check, for the app's message catalogues. */
export function creditCodeCheckMessage(check: CreditCodeCheck): { key: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(check)) {
    if (k !== "check" && (typeof v === "string" || typeof v === "number")) params[k] = v;
  }
  return { key: `validation.creditCode.${check.check}`, params };
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
export function describeCheck(check: CreditCodeCheck, locale: CheckLocale): string {
  const zh = locale === "zh-CN";
  switch (check.check) {
    case "length":
      if (check.actual === 0) return zh ? "请填写 18 位统一社会信用代码。" : "Enter the 18-character unified social credit code.";
      return zh
        ? `统一社会信用代码应为 18 位，现在是 ${check.actual} 位，请核对是否漏填或多填。`
        : `A unified social credit code has 18 characters; this one has ${check.actual}. Check for a missing or extra character.`;
    case "charset":
      return zh
        ? `第 ${check.position} 位${quoteChar(check.char, locale)}不是有效字符：只能是数字和除 I、O、S、V、Z 以外的大写字母。`
        : `The ${ordinal(check.position)} character, ${quoteChar(check.char, locale)}, is not allowed: use only digits and capital letters other than I, O, S, V and Z.`;
    case "authority": {
      const known = Object.keys(creditCodeAuthorities).join(zh ? "、" : ", ");
      return zh
        ? `第 1 位登记管理部门代码${quoteChar(check.char, locale)}不存在（应为 ${known} 之一），请核对营业执照或登记证书。`
        : `The 1st character, registration authority ${quoteChar(check.char, locale)}, does not exist (it must be one of ${known}); check the business licence or registration certificate.`;
    }
    case "category": {
      const authority = authorityOf(check.authority);
      const name = authority ? (zh ? authority.nameZh : authority.nameEn) : check.authority;
      const allowed = authority
        ? Object.entries(authority.categories)
            .map(([code, c]) => `${code} ${zh ? c.nameZh : c.nameEn}`)
            .join(zh ? "、" : ", ")
        : "";
      return zh
        ? `第 2 位机构类别代码${quoteChar(check.char, locale)}不属于第 1 位的登记管理部门“${name}”（可用：${allowed}），请核对。`
        : `The 2nd character, entity category ${quoteChar(check.char, locale)}, does not exist for the registration authority in the 1st (${name}); allowed: ${allowed}.`;
    }
    case "division":
      return zh
        ? `第 3 至 8 位应为 6 位数字的行政区划代码，现在是“${check.value}”，请核对。`
        : `Characters 3 to 8 must be the 6-digit administrative division code; they are “${check.value}”.`;
    case "organisationCode":
      return zh
        ? `第 9 至 17 位组织机构代码的校验位不对：按第 9 至 16 位计算，第 17 位应为 ${check.expected}，现在是 ${check.actual}。请核对第 9 至 17 位是否抄错。`
        : `The organisation code (characters 9 to 17) fails its check: from characters 9 to 16 the 17th should be ${check.expected}, not ${check.actual}. Check characters 9 to 17 for a typing mistake.`;
    case "checkCharacter":
      return zh
        ? `第 18 位校验码不对：应为 ${check.expected}，现在是 ${check.actual}。请逐位核对代码是否抄错。`
        : `The 18th character, the check character, should be ${check.expected}, not ${check.actual}. Check every character for a typing mistake.`;
  }
}

/** Alias of describeCheck for modules that also import the ID number helpers. */
export const describeCreditCodeCheck = describeCheck;

/**
 * A unified social credit code as a zod string schema: trims and upper-cases, then adds one
 * custom issue per failed check (in reporting order, so the first issue is the first failure).
 * Each issue's message is the zh-CN sentence from describeCheck; its `params` carry the check
 * code and parameters ({ check, ...fields }) so clients can localise.
 */
export const ZCreditCode = z
  .string()
  .overwrite(normalizeCreditCode)
  .superRefine((value, ctx) => {
    for (const failed of validateCreditCode(value).failedChecks) {
      ctx.addIssue({ code: "custom", message: describeCheck(failed, "zh-CN"), params: { ...failed } });
    }
  });
